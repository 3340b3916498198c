/**
 * `repeats: k` with a real child process: k epochs in one run, each epoch's artefacts kept in
 * its own folder, the metrics combined item by item (mean over epochs, n = items, the
 * run-to-run spread and pass@k on the metric).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { closeContext, evalYaml, makeProject, openStore, runEval } from './helpers';
import type { Metric } from '../../../src/core/metric';
import type { AppContext } from '../../../src/main/context/context';
import type { GreenlightEvent } from '../../../src/shared/events';

const NODE = process.execPath;
let ctx: (AppContext & { events$: GreenlightEvent[] }) | null = null;
afterEach(() => {
  if (ctx) closeContext(ctx);
  ctx = null;
});

// Epoch e passes items t0..t(5+e−1) of 10: item means 1 (t0–t5), 2/3 (t6), 1/3 (t7), 0 (t8, t9).
const SCRIPT = `
  const fs = require('fs');
  const e = Number(process.env.GREENLIGHT_EPOCH || 1);
  const pass = 5 + e;
  const results = Array.from({ length: 10 }, (_, i) => ({ task_id: 't' + i, passed: i < pass, passage_id: 'p' + Math.floor(i / 5) }));
  fs.writeFileSync(process.argv[2] + '/report.json', JSON.stringify({ task_count: 10, pass_count: pass, results }));
  console.log('epoch ' + e + ' wrote ' + process.argv[2]);
`;

describe('repeats', () => {
  it('runs the eval k times in one run and reduces the items per item', async () => {
    const dir = makeProject(
      evalYaml([NODE, 'eval.js', '{run_dir}'], `gates:\n  - {name: floor, metric: task_pass_rate, direction: min, thresholds: {base: 0.5, first_sft: 0.5, future: 0.5}}\n`, `    repeats: 3\n    artefacts:\n      - {kind: eval-report, path: "{run_dir}/report.json"}\n`),
      { 'eval.js': SCRIPT },
    );
    ctx = openStore();
    const run = await runEval(ctx, dir);
    expect(run.status).toBe('succeeded');
    for (const e of [1, 2, 3]) expect(existsSync(join(run.runDir!, `epoch-${e}`, 'report.json'))).toBe(true);
    const m = run.metrics.find((x) => x.name === 'task_pass_rate') as unknown as Metric;
    expect(m.value).toBeCloseTo(0.7, 12);
    expect(m.n).toBe(10);
    expect(m.successes).toBeUndefined();
    expect(m.items!.t6).toBeCloseTo(2 / 3, 12);
    expect(m.epochs!.t7).toEqual([0, 0, 1]);
    expect(m.runSpread).toMatchObject({ k: 3, per_epoch: [0.6, 0.7, 0.8] });
    expect(m.runSpread!.sd).toBeCloseTo(0.1, 12);
    // pass@3: t0–t7 pass at least once → 0.8; pass^3: t0–t5 pass every time → 0.6.
    expect(m.passK).toMatchObject({ k: 3 });
    expect(m.passK!.pass_at_k).toBeCloseTo(0.8, 12);
    expect(m.passK!.pass_hat_k).toBeCloseTo(0.6, 12);
    expect(m.itemFields?.passage_id?.t7).toBe('p1');
    expect(run.notes.join('\n')).toContain('3 eval-report artefacts combined as 3 epochs');
    const log = readFileSync(run.logPath!, 'utf8');
    expect(log).toContain('epoch 2 of 3');
    expect(log).toContain('epoch 3 wrote');
  });

  it('a failing epoch stops the run with its exit code', async () => {
    const dir = makeProject(evalYaml([NODE, '-e', 'process.exit(Number(process.env.GREENLIGHT_EPOCH) === 2 ? 4 : 0)'], '', '    repeats: 3\n'));
    ctx = openStore();
    const run = await runEval(ctx, dir);
    expect(run.status).toBe('failed');
    expect(run.exitCode).toBe(4);
    expect(readFileSync(run.logPath!, 'utf8')).not.toContain('epoch 3 of 3');
  });
});
