/**
 * The runner with real child processes: success with artefacts and gates, failure, timeout,
 * cancel (including a child that ignores SIGTERM and one that leaves a grandchild), secrets
 * redacted from what is stored, and one eval per GPU at a time.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { closeContext, evalYaml, makeProject, openStore, runEval } from './helpers';
import { runManager } from '../../../src/main/runner/manager';
import { loadProject } from '../../../src/main/project/load';
import type { AppContext } from '../../../src/main/context/context';
import type { GreenlightEvent } from '../../../src/shared/events';
import { isAlive } from '../../../src/main/runner/pid';

const NODE = process.execPath;
let ctx: (AppContext & { events$: GreenlightEvent[] }) | null = null;
afterEach(() => {
  if (ctx) closeContext(ctx);
  ctx = null;
});

const report = (pass: number, total: number): string =>
  JSON.stringify({
    name: 'x', started_at: 'a', ended_at: 'b', task_count: total, pass_count: pass, fail_count: total - pass, error_count: 0, pass_rate: pass / total,
    results: Array.from({ length: total }, (_, i) => ({ task_id: `t${i}`, passed: i < pass, outcome: { cost: 0.01, duration_s: 1, status: 'ok', error: null } })),
  });

const GATES = `gates:\n  - name: task_pass_rate\n    direction: min\n    thresholds: {base: 0.4, first_sft: 0.55, future: 0.75}\n`;

describe('runner', () => {
  it('runs a command that succeeds: log, progress, artefacts, metrics, gates, decision and a draft scorecard', async () => {
    const script = `
      const fs = require('fs');
      for (let i = 1; i <= 5; i++) console.log(i + '/5 item');
      console.error('a warning on stderr');
      fs.writeFileSync(process.argv[2] + '/report.json', ${JSON.stringify(report(8, 10))});
    `;
    const dir = makeProject(
      evalYaml([NODE, 'eval.js', '{run_dir}'], GATES, `    artefacts:\n      - {kind: eval-report, path: "{run_dir}/report.json"}\n`),
      { 'eval.js': script },
    );
    ctx = openStore();
    const run = await runEval(ctx, dir);
    expect(run.status).toBe('succeeded');
    expect(run.exitCode).toBe(0);
    expect(run.decision).toBe('ACCEPT');
    expect(run.version).toBe('1.2.3');
    expect(run.gates.map((g) => [g.name, g.status])).toEqual([['task_pass_rate', 'pass']]);
    expect(run.metrics.find((m) => m.name === 'task_pass_rate')?.value).toBe(0.8);
    expect(run.artefacts[0]?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(run.scorecard).toContain('Eval Scorecard v1.2.3');
    const log = readFileSync(run.logPath!, 'utf8');
    expect(log).toContain('5/5 item');
    expect(log).toContain('a warning on stderr');
    expect(run.progress).toMatchObject({ done: 5, total: 5, fraction: 1 });
    const statuses = ctx.events$.filter((e) => e.type === 'run.status').map((e) => (e as { status: string }).status);
    expect(statuses).toEqual(['queued', 'running', 'succeeded']);
    const logEvents = ctx.events$.filter((e) => e.type === 'run.log') as Array<{ offset: number; text: string }>;
    expect(logEvents.map((e) => e.text).join('')).toBe(log);
    expect(ctx.events$.some((e) => e.type === 'run.progress' && e.done === 5)).toBe(true);
  });

  it('a command that exits non-zero fails with its exit code and no decision', async () => {
    const dir = makeProject(evalYaml([NODE, '-e', 'console.log("boom"); process.exit(3)'], GATES));
    ctx = openStore();
    const run = await runEval(ctx, dir);
    expect(run.status).toBe('failed');
    expect(run.exitCode).toBe(3);
    expect(run.decision).toBeNull();
    expect(run.notes.join(' ')).toContain('exited with code 3');
  });

  it('a command that is not there fails with a clear note', async () => {
    const dir = makeProject(evalYaml(['no-such-program-greenlight'], GATES));
    ctx = openStore();
    const run = await runEval(ctx, dir);
    expect(run.status).toBe('failed');
    expect(run.notes[0]).toMatch(/cannot start "no-such-program-greenlight"/);
    expect(readFileSync(run.logPath!, 'utf8')).toContain('cannot start');
  });

  it('a missing artefact fails the run instead of passing silently', async () => {
    const dir = makeProject(evalYaml([NODE, '-e', '0'], GATES, `    artefacts:\n      - {kind: eval-report, path: "{run_dir}/report.json"}\n`));
    ctx = openStore();
    const run = await runEval(ctx, dir);
    expect(run.status).toBe('failed');
    expect(run.decision).toBeNull();
    expect(run.notes.join(' ')).toContain('did not write this artefact');
  });

  it('times out: the whole process group is stopped, grandchild included', async () => {
    // The child starts a grandchild in its group and both sleep; the timeout must end both.
    const script = `
      const { spawn } = require('child_process');
      const g = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
      require('fs').writeFileSync(process.argv[2] + '/grandchild.pid', String(g.pid));
      console.log('started');
      setTimeout(() => {}, 60000);
    `;
    const dir = makeProject(evalYaml([NODE, 'eval.js', '{run_dir}'], '', '    timeout: 800ms\n'), { 'eval.js': script });
    ctx = openStore();
    const t0 = Date.now();
    const run = await runEval(ctx, dir, { graceMs: 1000 });
    expect(run.status).toBe('timed_out');
    expect(Date.now() - t0).toBeLessThan(10_000);
    const gpid = Number(readFileSync(`${run.runDir}/grandchild.pid`, 'utf8'));
    await new Promise((r) => setTimeout(r, 200));
    expect(isAlive(gpid)).toBe(false);
    expect(readFileSync(run.logPath!, 'utf8')).toMatch(/started[\s\S]*timed out/);
  });

  it('cancels a running eval; a child that ignores SIGTERM is killed after the grace period', async () => {
    const script = `process.on('SIGTERM', () => console.log('ignoring SIGTERM')); let i = 0; setInterval(() => console.log(++i + '/1000'), 20);`;
    const dir = makeProject(evalYaml([NODE, 'eval.js'], ''), { 'eval.js': script });
    ctx = openStore();
    const project = loadProject(dir);
    const [s] = await runManager(ctx).start(project, project.evals, { graceMs: 700 });
    await waitFor(() => ctx!.events$.some((e) => e.type === 'run.progress'));
    const t0 = Date.now();
    expect(runManager(ctx).cancel(s!.id)).toBe(true);
    const run = await s!.done;
    expect(run.status).toBe('cancelled');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(600);
    const log = readFileSync(run.logPath!, 'utf8');
    expect(log).toContain('ignoring SIGTERM');
    expect(log).toContain('[greenlight] cancelled');
  });

  it('redacts secrets: env values by name, and their values in the command and the log', async () => {
    const secret = 'sk-live-abcdef123456';
    const dir = makeProject(
      evalYaml([NODE, '-e', 'console.log("token is " + process.env.HUB_TOKEN + " and arg " + process.argv[1])', secret], '', `    env: {HUB_TOKEN: ${secret}, MODE: fast}\n`),
    );
    ctx = openStore();
    const run = await runEval(ctx, dir);
    expect(run.status).toBe('succeeded');
    expect(run.env).toEqual({ HUB_TOKEN: '[redacted]', MODE: 'fast' });
    expect(run.command).not.toContain(secret);
    const log = readFileSync(run.logPath!, 'utf8');
    expect(log).toContain('token is [redacted] and arg [redacted]');
    const dump = JSON.stringify(ctx.db.prepare('SELECT * FROM runs').all());
    expect(dump).not.toContain(secret);
    expect(JSON.stringify(ctx.events$)).not.toContain(secret);
  });

  it('runs one eval per GPU at a time and queues the rest; CPU-only evals do not wait', async () => {
    const sleeper = `const fs=require('fs');fs.appendFileSync(process.argv[2], 'start ' + process.argv[3] + ' ' + Date.now() + '\\n');setTimeout(()=>{fs.appendFileSync(process.argv[2], 'end ' + process.argv[3] + ' ' + Date.now() + '\\n')}, 400);`;
    const dir = makeProject(
      `project: q\nevals:\n` +
        ['a', 'b'].map((n) => `  - {name: ${n}, gpu: 0, command: [${JSON.stringify(NODE)}, s.js, "{project_dir}/trace.txt", ${n}]}\n`).join('') +
        `  - {name: c, gpu: none, command: [${JSON.stringify(NODE)}, s.js, "{project_dir}/trace.txt", c]}\n`,
      { 's.js': sleeper },
    );
    ctx = openStore();
    const project = loadProject(dir);
    const started = await runManager(ctx).start(project, project.evals);
    const statusesNow = started.map((s) => ctx!.db.prepare('SELECT status FROM runs WHERE id = ?').get(s.id));
    expect(statusesNow.every((r) => (r as { status: string }).status === 'queued' || (r as { status: string }).status === 'running')).toBe(true);
    const runs = await Promise.all(started.map((s) => s.done));
    expect(runs.map((r) => r.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    const trace = readFileSync(`${dir}/trace.txt`, 'utf8').trim().split('\n').map((l) => l.split(' '));
    const at = (what: string, who: string): number => Number(trace.find((t) => t[0] === what && t[1] === who)?.[2]);
    // b starts only after a ended; c (no GPU) started before a ended.
    expect(at('start', 'b')).toBeGreaterThanOrEqual(at('end', 'a'));
    expect(at('start', 'c')).toBeLessThan(at('end', 'a'));
  });

  it('cancelling a queued run records it as cancelled without starting it', async () => {
    const dir = makeProject(
      `project: q\nevals:\n  - {name: a, command: [${JSON.stringify(NODE)}, -e, "setTimeout(()=>{}, 1500)"]}\n  - {name: b, command: [${JSON.stringify(NODE)}, -e, "console.log('should not run')"]}\n`,
    );
    ctx = openStore();
    const project = loadProject(dir);
    const [a, b] = await runManager(ctx).start(project, project.evals);
    expect(runManager(ctx).cancel(b!.id)).toBe(true);
    const rb = await b!.done;
    expect(rb.status).toBe('cancelled');
    expect(rb.startedAt).toBeNull();
    expect((await a!.done).status).toBe('succeeded');
    expect(existsSync(rb.logPath!) ? readFileSync(rb.logPath!, 'utf8') : '').not.toContain('should not run');
  });
});

async function waitFor(cond: () => boolean, ms = 10_000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}
