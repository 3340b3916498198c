/**
 * How the statistical regression modes behave on noise, by simulation through the real gate:
 * baseline and candidate drawn from known true pass rates, independent (Newcombe) and paired
 * (exact McNemar / Newcombe paired), small and large n. The contract (SPEC §2.4):
 * - significance fails a candidate whose true drop equals the tolerance at most alpha of the time;
 * - noninferiority passes a candidate whose true drop equals the tolerance at most alpha of the time.
 */
import { expect, it } from 'vitest';
import { regressionGate, type RegressionSettings } from '../src/core/gates/regression';
import type { Metric } from '../src/core/metric';
import { mulberry32 } from '../src/core/stats';

const DRAWS = 2000;
const BASE_RATE = 0.7;
const TOLERANCE = 0.05;
const ALPHA = 0.05;
/** Paired design: the share of items the candidate gains (the share it loses is drop + this). */
const GAINED = 0.05;
const DROPS = [0, 0.025, 0.05, 0.1, 0.15];
const SIZES = [25, 100, 1000];
/** Per-item scores go through the seeded bootstrap: fewer draws and resamples keep it quick. */
const BOOTSTRAP_DRAWS = 1000;

const settings = (mode: RegressionSettings['mode']): RegressionSettings => ({
  name: 'sim',
  required: false,
  mode,
  tolerance: TOLERANCE,
  relative: false,
  alpha: ALPHA,
  metric: 'acc',
  implausible_gain: 1,
  comparability: { keys: [], allow: false },
  bootstrap: { resamples: 500, seed: 1 },
});
const MODES = ['significance', 'noninferiority', 'tolerance', 'strict'] as const;

function binomial(rand: () => number, n: number, p: number): number {
  let x = 0;
  for (let i = 0; i < n; i++) if (rand() < p) x++;
  return x;
}

function independentDraw(rand: () => number, n: number, drop: number): [Metric, Metric] {
  const xb = binomial(rand, n, BASE_RATE);
  const xc = binomial(rand, n, BASE_RATE - drop);
  return [
    { name: 'acc', value: xb / n, n, successes: xb, scale: 1, higherIsBetter: true },
    { name: 'acc', value: xc / n, n, successes: xc, scale: 1, higherIsBetter: true },
  ];
}

function pairedDraw(rand: () => number, ids: string[], drop: number): [Metric, Metric] {
  const n = ids.length;
  const bItems: Record<string, number> = {};
  const cItems: Record<string, number> = {};
  const lose = (drop + GAINED) / BASE_RATE;
  const gain = GAINED / (1 - BASE_RATE);
  let xb = 0;
  let xc = 0;
  for (const id of ids) {
    const b = rand() < BASE_RATE ? 1 : 0;
    const c = b === 1 ? (rand() < lose ? 0 : 1) : rand() < gain ? 1 : 0;
    bItems[id] = b;
    cItems[id] = c;
    xb += b;
    xc += c;
  }
  return [
    { name: 'acc', value: xb / n, n, successes: xb, items: bItems, scale: 1, higherIsBetter: true },
    { name: 'acc', value: xc / n, n, successes: xc, items: cItems, scale: 1, higherIsBetter: true },
  ];
}

function scoresDraw(rand: () => number, ids: string[], drop: number): [Metric, Metric] {
  const bItems: Record<string, number> = {};
  const cItems: Record<string, number> = {};
  let sb = 0;
  let sc = 0;
  for (const id of ids) {
    const b = 0.4 + 0.6 * rand(); // mean 0.7
    const c = b - drop + 0.4 * (rand() - 0.5); // same item, noisy, true mean drop = drop
    bItems[id] = b;
    cItems[id] = c;
    sb += b;
    sc += c;
  }
  const n = ids.length;
  return [
    { name: 'acc', value: sb / n, items: bItems, scale: 1, higherIsBetter: true },
    { name: 'acc', value: Math.min(1, Math.max(0, sc / n)), items: cItems, scale: 1, higherIsBetter: true },
  ];
}

it('simulated pass rates of the regression modes', () => {
  const rows: string[] = [];
  const violations: string[] = [];
  const t0 = performance.now();
  for (const design of ['independent', 'paired', 'paired scores'] as const) {
    for (const n of design === 'paired scores' ? SIZES.slice(1) : SIZES) {
      const draws = design === 'paired scores' ? BOOTSTRAP_DRAWS : DRAWS;
      const ids = Array.from({ length: n }, (_, i) => `q${i}`);
      for (const drop of DROPS) {
        const rand = mulberry32(1000 * n + Math.round(drop * 1000) + (design === 'paired' ? 7 : design === 'paired scores' ? 13 : 0));
        const passes = Object.fromEntries(MODES.map((m) => [m, 0])) as Record<(typeof MODES)[number], number>;
        let method = '';
        for (let d = 0; d < draws; d++) {
          const [b, c] = design === 'independent' ? independentDraw(rand, n, drop) : design === 'paired' ? pairedDraw(rand, ids, drop) : scoresDraw(rand, ids, drop);
          for (const mode of MODES) {
            const g = regressionGate('sim', settings(mode), 'base', { metrics: [c] }, { metrics: [b] });
            if (g.status === 'pass') passes[mode]++;
            if (mode === 'significance' && !method) method = String((g.evidence.per_task as Record<string, { method?: string }>).acc?.method);
          }
        }
        const rate = (m: (typeof MODES)[number]) => passes[m] / draws;
        const atTol = Math.abs(drop - TOLERANCE) < 1e-12;
        const sigFail = 1 - rate('significance');
        const niPass = rate('noninferiority');
        if (atTol && sigFail > ALPHA) violations.push(`${design} n=${n}: significance false-fail ${sigFail}`);
        if (atTol && niPass > ALPHA) violations.push(`${design} n=${n}: noninferiority false-pass ${niPass}`);
        const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
        rows.push(
          `| ${design} (${method}) | ${n} | ${drop.toFixed(3)}${atTol ? ' = tol' : ''} | ${pct(rate('significance'))}${atTol ? ` (fails ${pct(sigFail)})` : ''} | ${pct(niPass)} | ${pct(rate('tolerance'))} | ${pct(rate('strict'))} |`,
        );
      }
    }
  }
  console.log(`\nRegression modes by simulation: true baseline pass rate ${BASE_RATE}, tolerance ${TOLERANCE}, alpha ${ALPHA}, ${DRAWS} draws per row (${BOOTSTRAP_DRAWS} for per-item scores, bootstrap 500 resamples); paired pass/fail: ${GAINED} of items gained, drop + ${GAINED} lost; per-item scores: U(0.4, 1) and the same item − drop ± U(−0.2, 0.2)`);
  console.log('| design (test) | n per side | true drop | significance passes | noninferiority passes | tolerance passes | strict passes |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) console.log(r);
  console.log(`(${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  console.log(violations.length ? `VIOLATIONS: ${violations.join('; ')}` : 'At true drop = tolerance: significance false-fail ≤ alpha and noninferiority false-pass ≤ alpha in every row.');
  expect(violations).toEqual([]);
});
