/**
 * A child that leaves a detached grandchild holding its stdout: the run ends (2.5 s after the
 * child exits), the log is closed, and when the grandchild writes afterwards nothing throws
 * and nothing reaches the closed log. Also: a closed LogSink ignores writes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { closeContext, evalYaml, makeProject, openStore, runEval } from './helpers';
import { tempDir } from '../../helpers/cli';
import { LogSink } from '../../../src/main/runner/log-sink';
import type { AppContext } from '../../../src/main/context/context';
import type { GreenlightEvent } from '../../../src/shared/events';

const NODE = process.execPath;
let ctx: (AppContext & { events$: GreenlightEvent[] }) | null = null;
let grandchild: number | null = null;
afterEach(() => {
  if (grandchild !== null) {
    try {
      process.kill(grandchild, 'SIGKILL');
    } catch {
      // gone
    }
  }
  grandchild = null;
  if (ctx) closeContext(ctx);
  ctx = null;
});

const waitFor = async (cond: () => boolean, ms = 10_000): Promise<void> => {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('late output after the run ended', () => {
  it('a detached grandchild writing after the parent exits: the run ends cleanly and nothing throws', { timeout: 20_000 }, async () => {
    const errors: unknown[] = [];
    const onError = (err: unknown): void => void errors.push(err);
    process.on('uncaughtException', onError);
    try {
      const grand = `
        const fs = require('fs');
        fs.writeFileSync(process.argv[1] + '/grandchild.pid', String(process.pid));
        process.stdout.on('error', () => {});
        setTimeout(() => {
          for (let i = 0; i < 20; i++) process.stdout.write('late output ' + i + '\\n');
          fs.writeFileSync(process.argv[1] + '/wrote', 'x');
          setTimeout(() => process.exit(0), 500);
        }, 3500);
      `;
      const script = `
        const { spawn } = require('child_process');
        console.log('parent start');
        spawn(process.execPath, ['-e', ${JSON.stringify(grand)}, process.argv[2]], { detached: true, stdio: ['ignore', 'inherit', 'inherit'] }).unref();
        setTimeout(() => process.exit(0), 100);
      `;
      const dir = makeProject(evalYaml([NODE, 'eval.js', '{run_dir}'], ''), { 'eval.js': script });
      ctx = openStore();
      const run = await runEval(ctx, dir);
      expect(run.status).toBe('succeeded');
      grandchild = Number(readFileSync(join(run.runDir!, 'grandchild.pid'), 'utf8'));
      await waitFor(() => existsSync(join(run.runDir!, 'wrote')));
      await new Promise((r) => setTimeout(r, 300));
      expect(errors).toEqual([]);
      const log = readFileSync(run.logPath!, 'utf8');
      expect(log).toContain('parent start');
      expect(log).not.toContain('late output');
      const logEvents = ctx.events$.filter((e) => e.type === 'run.log') as Array<{ text: string }>;
      expect(logEvents.map((e) => e.text).join('')).not.toContain('late output');
    } finally {
      process.off('uncaughtException', onError);
    }
  });

  it('a closed LogSink ignores writes instead of writing to a closed fd', () => {
    const path = join(tempDir('greenlight-sink-'), 'log.txt');
    const sink = new LogSink(path, () => {}, ['secret-value']);
    sink.write(Buffer.from('before\n'));
    sink.close();
    expect(() => sink.write(Buffer.from('after\n'))).not.toThrow();
    expect(() => sink.note('after')).not.toThrow();
    expect(() => sink.close()).not.toThrow();
    expect(readFileSync(path, 'utf8')).toBe('before\n');
  });
});
