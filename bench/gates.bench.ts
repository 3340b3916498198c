/**
 * Policy evaluation over a 10,000-task comparison: the median time of `evaluatePolicy` with
 * a regression gate over every task (tolerance mode, and significance mode with a Newcombe
 * interval per task), against JSON.parse of the two score files measured in the same run.
 * The cases take turns within each round, so that a shared machine's load falls on all of
 * them alike; each is timed by the wall clock and by the process's CPU time (the steadier of
 * the two when seven people share two cores). Reading `per_task` (the rows with their notes,
 * built on first read since issue 14) is timed apart, after the rounds: it is what `gate --json`
 * and the store pay. The significance gate is also timed with `family: none`: a lone gate judged
 * once at its alpha. Under Holm (the default) the gate is judged once too, at alpha/m, after a
 * probe of its tasks at alpha that finds its members (issue 14: no evaluation at alpha first).
 */
import { loadavg } from 'node:os';
import { it } from 'vitest';
import { evaluatePolicy } from '../src/core/evaluate';
import { metricsFromTaskScores, regressionGate } from '../src/core/gates/regression';
import { GatesPolicySchema, type GatesPolicy } from '../src/core/project';
import type { Metric } from '../src/core/metric';
import { mulberry32 } from '../src/core/stats';
import { summaryRow } from './lib/summary';

const TASKS = 10_000;
const REPS = 21;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

interface Timing {
  wall: number;
  cpu: number;
}

/** Median wall and CPU milliseconds of each case, the cases taking turns within each round. */
function timeRounds(cases: ReadonlyArray<() => unknown>): Timing[] {
  for (const fn of cases) fn(); // warm up
  const wall: number[][] = cases.map(() => []);
  const cpu: number[][] = cases.map(() => []);
  for (let i = 0; i < REPS; i++) {
    cases.forEach((fn, k) => {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      fn();
      const t1 = performance.now();
      const c = process.cpuUsage(c0);
      wall[k]!.push(t1 - t0);
      cpu[k]!.push((c.user + c.system) / 1000);
    });
  }
  return cases.map((_, k) => ({ wall: median(wall[k]!), cpu: median(cpu[k]!) }));
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
  // The same gate judged alone (family: none): one evaluation at alpha, as Holm's is one at alpha/m.
  const alone = GatesPolicySchema.parse({ ...significance, family: 'none' });

  // Reference: only parsing the two {task: score} files the compare command reads.
  const texts = [JSON.stringify(Object.fromEntries(bRaw.map((v, i) => [`task_${i}`, v]))), JSON.stringify(Object.fromEntries(cRaw.map((v, i) => [`task_${i}`, v])))];
  const bMap = Object.fromEntries(bRaw.map((v, i) => [`task_${i}`, v]));
  const cMap = Object.fromEntries(cRaw.map((v, i) => [`task_${i}`, v]));
  const settings = tolerance.gates[1] as Parameters<typeof regressionGate>[1];
  const rowsOf = (mode: GatesPolicy) => {
    const r = evaluatePolicy(mode, 'first_sft', cand, { baseline: { metrics: base } });
    if (!r.ok) throw new Error('bench setup');
    return r.value.gates[1]?.evidence.per_task;
  };
  const cases = [
    () => texts.map((t) => JSON.parse(t) as unknown),
    () => evaluatePolicy(tolerance, 'first_sft', cand, { baseline: { metrics: base } }),
    () => {
      const b = metricsFromTaskScores(bMap);
      const c = metricsFromTaskScores(cMap);
      if (!b.ok || !c.ok) throw new Error('bench setup');
      return regressionGate('compare', { ...settings, metrics: undefined }, 'first_sft', { metrics: c.metrics }, { metrics: b.metrics });
    },
    () => evaluatePolicy(significance, 'first_sft', cand, { baseline: { metrics: base } }),
    () => evaluatePolicy(alone, 'first_sft', cand, { baseline: { metrics: base } }),
  ];
  const check = evaluatePolicy(tolerance, 'first_sft', cand, { baseline: { metrics: base } });
  if (!check.ok || check.value.gates.length !== 2) throw new Error('bench setup');
  const [floor, tol, compare, sig, sigAlone] = timeRounds(cases) as [Timing, Timing, Timing, Timing, Timing];
  // Apart, after the rounds: its 10,000 notes would leave the others a heap to collect.
  const [sigRows] = timeRounds([() => rowsOf(significance)]) as [Timing];

  const rows = [
    ['JSON.parse of the two 10,000-task score files (reference)', floor],
    ['evaluatePolicy, regression tolerance mode', tol],
    ['compare command core: {task: score} maps → regression gate', compare],
    ['evaluatePolicy, regression significance mode (Newcombe per task)', sig],
    ['… the same gate with family: none (judged once at alpha; Holm: a probe at alpha, judged once at alpha/m)', sigAlone],
    ['… and reading its per_task rows (notes built on first read)', sigRows],
  ] as const;
  console.log(`\nGate engine: ${TASKS.toLocaleString('en')} tasks, median of ${REPS} rounds (load average ${loadavg()[0]?.toFixed(1)})`);
  console.log('| case | median ms (wall) | × reference | median ms (CPU) | × reference | goal (issue 14) |');
  console.log('|---|---:|---:|---:|---:|---|');
  for (const [name, t] of rows) {
    const met = (x: number): string => (x <= 1 ? 'met' : 'NOT met');
    const goal = name.startsWith('evaluatePolicy') ? `≤ 1× (wall ${met(t.wall / floor.wall)}, CPU ${met(t.cpu / floor.cpu)})` : '';
    console.log(`| ${name} | ${t.wall.toFixed(2)} | ${(t.wall / floor.wall).toFixed(2)} | ${t.cpu.toFixed(2)} | ${(t.cpu / floor.cpu).toFixed(2)} | ${goal} |`);
    if (name.startsWith('evaluatePolicy')) {
      const what = `\`evaluatePolicy\`, ${name.includes('significance') ? 'significance' : 'tolerance'} mode, ${TASKS.toLocaleString('en')} tasks`;
      summaryRow({ what, measured: `${t.wall.toFixed(2)} ms`, baseline: `JSON.parse of its inputs at ${floor.wall.toFixed(2)} ms`, ratio: `${(t.wall / floor.wall).toFixed(2)}×`, goal: '≤ 1×', met: t.wall / floor.wall <= 1 });
    }
  }
});
