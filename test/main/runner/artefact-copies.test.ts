/** Copies of artefacts kept beside the run: one per artefact, never one over another. */
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { closeContext, evalYaml, makeProject, openStore, runEval } from './helpers';
import type { AppContext } from '../../../src/main/context/context';
import type { GreenlightEvent } from '../../../src/shared/events';

const NODE = process.execPath;
let ctx: (AppContext & { events$: GreenlightEvent[] }) | null = null;
afterEach(() => {
  if (ctx) closeContext(ctx);
  ctx = null;
});

const report = (pass: number, total: number, name: string): string =>
  JSON.stringify({
    name, started_at: 'a', ended_at: 'b', task_count: total, pass_count: pass, fail_count: total - pass, error_count: 0, pass_rate: pass / total,
    results: Array.from({ length: total }, (_, i) => ({ task_id: `t${i}`, passed: i < pass, outcome: { cost: 0.01, duration_s: 1, status: 'ok', error: null } })),
  });

describe('artefact copies', () => {
  it('two artefacts with the same file name get two copies, each with its own bytes', async () => {
    const a = report(1, 2, 'first');
    const b = report(2, 2, 'second');
    const dir = makeProject(
      evalYaml([NODE, '-e', '0'], '', `    artefacts:\n      - {kind: eval-report, path: "a/report.json"}\n      - {kind: eval-report, path: "b/report.json"}\n`),
      { 'a/report.json': a, 'b/report.json': b },
    );
    ctx = openStore();
    const run = await runEval(ctx, dir);
    expect(run.status).toBe('succeeded');
    const copies = run.artefacts.map((x) => x.copyPath);
    expect(copies[0]).not.toBe(copies[1]);
    expect(readFileSync(copies[0]!, 'utf8')).toBe(a);
    expect(readFileSync(copies[1]!, 'utf8')).toBe(b);
  });

  it('a file in the run folder whose name starts with ".." is inside it: not copied', async () => {
    const script = `require('fs').writeFileSync(process.argv[1] + '/..report.json', ${JSON.stringify(report(1, 1, 'x'))});`;
    const dir = makeProject(evalYaml([NODE, '-e', script, '{run_dir}'], '', `    artefacts:\n      - {kind: eval-report, path: "{run_dir}/..report.json"}\n`));
    ctx = openStore();
    const run = await runEval(ctx, dir);
    expect(run.status).toBe('succeeded');
    expect(run.artefacts[0]?.copyPath).toBe(run.artefacts[0]?.path);
  });
});
