/**
 * Policy evaluation over a 10,000-task comparison: the median time of `evaluatePolicy` with
 * a regression gate over every task (tolerance mode, and significance mode with a Newcombe
 * interval per task), against JSON.parse of the two score files measured in the same run.
 */
import { it } from 'vitest';
import { evaluatePolicy } from '../src/core/evaluate';
import { metricsFromTaskScores, regressionGate } from '../src/core/gates/regression';
import { GatesPolicySchema } from '../src/core/project';
import type { Metric } from '../src/core/metric';
import { mulberry32 } from '../src/core/stats';
import { summaryRow } from './lib/summary';

const TASKS = 10_000;
const REPS = 21;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

function time(fn: () => unknown): number {
  const times: number[] = [];
  fn(); // warm up
  for (let i = 0; i < REPS; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

it('evaluatePolicy over a 10,000-task comparison', () => {
  const rand = mulberry32(7);
  const base: Metric[] = [];
  const cand: Metric[] = [];
  const bRaw: number[] = [];
  const cRaw: number[] = [];
  for (let i = 0; i < TASKS; i++) {
    const n = 200;
    const bs = Math.floor(60 + rand() * 100);
    const cs = Math.max(0, bs - Math.floor(rand() * 2));
    bRaw.push((100 * bs) / n);
    cRaw.push((100 * cs) / n);
    base.push({ name: `task_${i}`, value: (100 * bs) / n, n, successes: bs, scale: 100, higherIsBetter: true });
    cand.push({ name: `task_${i}`, value: (100 * cs) / n, n, successes: cs, scale: 100, higherIsBetter: true });
  }
  cand.push({ name: 'task_pass_rate', value: 0.7, higherIsBetter: true });
  const policy = (mode: string) =>
    GatesPolicySchema.parse({
      gates: [
        { name: 'task_pass_rate', direction: 'min', thresholds: { base: 0.4, first_sft: 0.55, future: 0.75 } },
        { name: 'no_regression', kind: 'regression', metrics: base.map((m) => m.name), mode, tolerance: 0.01 },
      ],
    });
  const tolerance = policy('tolerance');
  const significance = policy('significance');

  // Reference: only parsing the two {task: score} files the compare command reads.
  const texts = [JSON.stringify(Object.fromEntries(bRaw.map((v, i) => [`task_${i}`, v]))), JSON.stringify(Object.fromEntries(cRaw.map((v, i) => [`task_${i}`, v])))];
  const floor = time(() => texts.map((t) => JSON.parse(t) as unknown));
  const tol = time(() => evaluatePolicy(tolerance, 'first_sft', cand, { baseline: { metrics: base } }));
  const sig = time(() => evaluatePolicy(significance, 'first_sft', cand, { baseline: { metrics: base } }));
  const bMap = Object.fromEntries(bRaw.map((v, i) => [`task_${i}`, v]));
  const cMap = Object.fromEntries(cRaw.map((v, i) => [`task_${i}`, v]));
  const settings = tolerance.gates[1] as Parameters<typeof regressionGate>[1];
  const compare = time(() => {
    const b = metricsFromTaskScores(bMap);
    const c = metricsFromTaskScores(cMap);
    if (!b.ok || !c.ok) throw new Error('bench setup');
    return regressionGate('compare', { ...settings, metrics: undefined }, 'first_sft', { metrics: c.metrics }, { metrics: b.metrics });
  });
  const check = evaluatePolicy(tolerance, 'first_sft', cand, { baseline: { metrics: base } });
  if (!check.ok || check.value.gates.length !== 2) throw new Error('bench setup');

  const rows = [
    ['JSON.parse of the two 10,000-task score files (reference)', floor],
    ['evaluatePolicy, regression tolerance mode', tol],
    ['compare command core: {task: score} maps → regression gate', compare],
    ['evaluatePolicy, regression significance mode (Newcombe per task)', sig],
  ] as const;
  console.log(`\nGate engine: ${TASKS.toLocaleString('en')} tasks, median of ${REPS} runs`);
  console.log('| case | median ms | × reference | goal (issue 14) |');
  console.log('|---|---:|---:|---|');
  for (const [name, ms] of rows) {
    const goal = name.startsWith('evaluatePolicy') ? `≤ 1× ${ms / floor <= 1 ? '(met)' : '(NOT met)'}` : '';
    console.log(`| ${name} | ${ms.toFixed(2)} | ${(ms / floor).toFixed(1)} | ${goal} |`);
    if (name.startsWith('evaluatePolicy')) {
      const what = `\`evaluatePolicy\`, ${name.includes('significance') ? 'significance' : 'tolerance'} mode, ${TASKS.toLocaleString('en')} tasks`;
      summaryRow({ what, measured: `${ms.toFixed(2)} ms`, baseline: `JSON.parse of its inputs at ${floor.toFixed(2)} ms`, ratio: `${(ms / floor).toFixed(1)}×`, goal: '≤ 1×', met: ms / floor <= 1 });
    }
  }
});
