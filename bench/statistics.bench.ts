/**
 * Decision quality where evals really vary (issue 16), every figure through the real gate code:
 * 1. clustered items (40 passages × 10 questions, ICC 0.3): at a true drop equal to the
 *    tolerance the naive interval fails far more often than alpha, the clustered one holds;
 * 2. repeated runs (epochs): pooling N·k outcomes as independent fails too often, reducing per
 *    item first keeps the rate;
 * 3. a family of 10 significance gates with no true drop: with no correction noise fails one of
 *    them about 1 − 0.975¹⁰ ≈ 22% of the time; Holm keeps the family-wise rate at or below alpha;
 * 4. the planner: at the n it recommends the gate reaches the promised power (within two
 *    points); at 0.7 of that n it does not.
 * Rates with exact 95% Clopper–Pearson intervals; the bench fails when a claim does not hold.
 */
import { expect, it } from 'vitest';
import { regressionGate, type RegressionSettings } from '../src/core/gates/regression';
import { evaluatePolicy } from '../src/core/evaluate';
import { parsePolicyText } from '../src/core/project';
import { planGate, type PlanInput } from '../src/core/gates/plan';
import { planPolicy } from '../src/core/gates/plan-policy';
import type { Metric } from '../src/core/metric';
import { itemMeanStderr } from '../src/core/stats';
import { betaRate, clopperPearson, fmtRate, seeded, type Rand } from './lib/rates';

const ALPHA = 0.05;
const TOL = 0.05;
const BASE = 0.7;
const DRAWS = 4000;

const settings = (mode: 'significance' | 'noninferiority', over: Partial<RegressionSettings> = {}): RegressionSettings => ({
  name: 'g',
  required: false,
  mode,
  tolerance: TOL,
  relative: false,
  alpha: ALPHA,
  metric: 'acc',
  implausible_gain: 1,
  comparability: { keys: [], allow: false },
  bootstrap: { resamples: 1000, seed: 1 },
  ...over,
});

const failed = (g: ReturnType<typeof regressionGate>): boolean => g.status === 'fail' && g.failure_class === null;
const rows: string[] = [];
const violations: string[] = [];
function report(section: string, label: string, x: number, n: number, claim?: { atMost?: number; atLeast?: number }): void {
  const [lo, hi] = clopperPearson(x, n);
  let verdict = '';
  if (claim?.atMost !== undefined) {
    verdict = lo > claim.atMost ? 'ABOVE alpha' : `≤ ${claim.atMost} holds`;
    if (lo > claim.atMost) violations.push(`${section} ${label}: ${fmtRate(x, n)} above ${claim.atMost}`);
  }
  if (claim?.atLeast !== undefined) {
    verdict = hi < claim.atLeast ? 'BELOW' : `≥ ${claim.atLeast} holds`;
    if (hi < claim.atLeast) violations.push(`${section} ${label}: ${fmtRate(x, n)} below ${claim.atLeast}`);
  }
  rows.push(`| ${section} | ${label} | ${n} | ${fmtRate(x, n)} | ${verdict} |`);
}

function sideMetric(items: Record<string, number>, fields?: Record<string, string>, epochs?: Record<string, number[]>): Metric {
  const v = Object.values(items);
  const x = v.reduce((s, y) => s + y, 0);
  const binary = v.every((y) => y === 0 || y === 1);
  return {
    name: 'acc',
    value: x / v.length,
    n: v.length,
    ...(binary ? { successes: x } : { stderr: itemMeanStderr(items) }),
    scale: 1,
    higherIsBetter: true,
    items,
    ...(fields ? { itemFields: { passage_id: fields } } : {}),
    ...(epochs ? { epochs } : {}),
  };
}

it('clustered items: 40 passages × 10 questions, ICC 0.3, true drop = tolerance', () => {
  const G = 40;
  const M = 10;
  const ICC = 0.3;
  // Independent sides: each release is measured on its own draw of passages from the pool.
  {
    const rand = seeded(101);
    let naive = 0;
    let clustered = 0;
    for (let d = 0; d < DRAWS; d++) {
      const side = (mean: number, tag: string): Metric => {
        const items: Record<string, number> = {};
        const fields: Record<string, string> = {};
        for (let g = 0; g < G; g++) {
          const p = betaRate(rand, mean, ICC);
          for (let q = 0; q < M; q++) {
            items[`${tag}${g}_${q}`] = rand() < p ? 1 : 0;
            fields[`${tag}${g}_${q}`] = `${tag}${g}`;
          }
        }
        return sideMetric(items, fields);
      };
      const b = side(BASE, 'b');
      const c = side(BASE - TOL, 'c');
      // Naive: n and successes only (Newcombe treats 400 items as 400 independent draws).
      const strip = (m: Metric): Metric => ({ name: m.name, value: m.value, n: m.n, successes: m.successes, scale: 1, higherIsBetter: true });
      if (failed(regressionGate('g', settings('significance'), 'base', { metrics: [strip(c)] }, { metrics: [strip(b)] }))) naive++;
      if (failed(regressionGate('g', settings('significance', { cluster_by: 'passage_id' }), 'base', { metrics: [c] }, { metrics: [b] }))) clustered++;
    }
    report('clusters, independent sides', 'significance false-fail, naive (Newcombe)', naive, DRAWS);
    report('clusters, independent sides', 'significance false-fail, cluster_by (CR1)', clustered, DRAWS, { atMost: ALPHA });
    expect(clopperPearson(naive, DRAWS)[0]).toBeGreaterThan(2 * ALPHA);
  }
  // Paired: the same 400 items on both sides; the change hurts some passages and not others
  // (a fifth of the passages lose tol/(0.2·0.7) of their rate, the rest nothing), so the items of a
  // passage move together.
  {
    const rand = seeded(202);
    const draws = 2000; // each draw runs two bootstraps
    let naive = 0;
    let clustered = 0;
    const fields: Record<string, string> = {};
    for (let g = 0; g < G; g++) for (let q = 0; q < M; q++) fields[`p${g}_${q}`] = `p${g}`;
    for (let d = 0; d < draws; d++) {
      const b: Record<string, number> = {};
      const c: Record<string, number> = {};
      for (let g = 0; g < G; g++) {
        const p = betaRate(rand, BASE, ICC);
        const hit = rand() < 0.2 ? TOL / (0.2 * BASE) : 0;
        const pc = p * (1 - hit);
        for (let q = 0; q < M; q++) {
          const u = rand();
          b[`p${g}_${q}`] = u < p ? 1 : 0;
          c[`p${g}_${q}`] = u < pc ? 1 : 0;
        }
      }
      if (failed(regressionGate('g', settings('significance'), 'base', { metrics: [sideMetric(c)] }, { metrics: [sideMetric(b)] }))) naive++;
      if (failed(regressionGate('g', settings('significance', { cluster_by: 'passage_id' }), 'base', { metrics: [sideMetric(c, fields)] }, { metrics: [sideMetric(b, fields)] })))
        clustered++;
    }
    report('clusters, paired items', 'significance false-fail, naive (paired Tango interval)', naive, draws);
    report('clusters, paired items', 'significance false-fail, cluster_by (cluster bootstrap)', clustered, draws, { atMost: ALPHA });
    expect(clopperPearson(naive, draws)[0]).toBeGreaterThan(ALPHA);
  }
});

it('repeated runs: 200 items × 5 epochs, item difficulty spread (ICC 0.3), true drop = tolerance', () => {
  const N = 200;
  const K = 5;
  const rand = seeded(303);
  let pooled = 0;
  let reduced = 0;
  for (let d = 0; d < DRAWS; d++) {
    // Each release on its own random 200 items of the pool, every item run 5 times.
    const side = (mean: number, tag: string): { pooled: Metric; reduced: Metric } => {
      const means: Record<string, number> = {};
      let x = 0;
      for (let i = 0; i < N; i++) {
        const p = betaRate(rand, mean, 0.3);
        let c = 0;
        for (let e = 0; e < K; e++) c += rand() < p ? 1 : 0;
        means[`${tag}${i}`] = c / K;
        x += c;
      }
      return {
        pooled: { name: 'acc', value: x / (N * K), n: N * K, successes: x, scale: 1, higherIsBetter: true },
        reduced: { name: 'acc', value: x / (N * K), n: N, stderr: itemMeanStderr(means), scale: 1, higherIsBetter: true },
      };
    };
    const b = side(BASE, 'b');
    const c = side(BASE - TOL, 'c');
    if (failed(regressionGate('g', settings('significance'), 'base', { metrics: [c.pooled] }, { metrics: [b.pooled] }))) pooled++;
    if (failed(regressionGate('g', settings('significance'), 'base', { metrics: [c.reduced] }, { metrics: [b.reduced] }))) reduced++;
  }
  report('epochs (k = 5)', 'significance false-fail, 1000 outcomes pooled as independent', pooled, DRAWS);
  report('epochs (k = 5)', 'significance false-fail, reduced per item (200 item means)', reduced, DRAWS, { atMost: ALPHA });
  expect(clopperPearson(pooled, DRAWS)[0]).toBeGreaterThan(ALPHA);
});

it('a family of 10 significance gates, no true drop (tolerance 0)', () => {
  const names = Array.from({ length: 10 }, (_, i) => `m${i}`);
  const gates = names.map((n) => `  - {name: ${n}, kind: regression, metric: ${n}, mode: significance, tolerance: 0, alpha: 0.05, implausible_gain: 1}`).join('\n');
  const parse = (y: string) => {
    const r = parsePolicyText(y, 'greenlight.yaml');
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    return r.value;
  };
  const holm = parse(`gates:\n${gates}\n`);
  const none = parse(`family: none\ngates:\n${gates}\n`);
  const rand = seeded(404);
  const n = 200;
  const binom = (r: Rand, p: number): number => {
    let x = 0;
    for (let i = 0; i < n; i++) x += r() < p ? 1 : 0;
    return x;
  };
  let fwHolm = 0;
  let fwNone = 0;
  const draws = 2000;
  for (let d = 0; d < draws; d++) {
    const b = names.map((m) => ({ name: m, value: 0, n, successes: binom(rand, BASE), scale: 1, higherIsBetter: true }) as Metric).map((m) => ({ ...m, value: m.successes! / n }));
    const c = names.map((m) => ({ name: m, value: 0, n, successes: binom(rand, BASE), scale: 1, higherIsBetter: true }) as Metric).map((m) => ({ ...m, value: m.successes! / n }));
    const h = evaluatePolicy(holm, undefined, c, { baseline: { metrics: b } });
    const u = evaluatePolicy(none, undefined, c, { baseline: { metrics: b } });
    if (h.ok && h.value.gates.some((g) => g.status === 'fail')) fwHolm++;
    if (u.ok && u.value.gates.some((g) => g.status === 'fail')) fwNone++;
  }
  report('10 gates, n = 200 each', 'family-wise false-fail, family: none', fwNone, draws);
  report('10 gates, n = 200 each', 'family-wise false-fail, family: holm', fwHolm, draws, { atMost: ALPHA });
  expect(clopperPearson(fwNone, draws)[0]).toBeGreaterThan(ALPHA);
});

it('the planner, checked by simulation', () => {
  const cells: Array<{ label: string; input: PlanInput; simulate: (n: number, rand: Rand) => boolean }> = [];
  const indep = (mode: 'significance' | 'noninferiority', drop: number) => (n: number, rand: Rand): boolean => {
    let xb = 0;
    let xc = 0;
    for (let i = 0; i < n; i++) {
      xb += rand() < BASE ? 1 : 0;
      xc += rand() < BASE - drop ? 1 : 0;
    }
    const g = regressionGate('g', settings(mode), 'base', { metrics: [{ name: 'acc', value: xc / n, n, successes: xc, scale: 1, higherIsBetter: true }] }, {
      metrics: [{ name: 'acc', value: xb / n, n, successes: xb, scale: 1, higherIsBetter: true }],
    });
    return mode === 'significance' ? failed(g) : g.status === 'pass';
  };
  const sig = settings('significance') as PlanInput['settings'];
  const ni = settings('noninferiority') as PlanInput['settings'];
  cells.push({ label: 'independent, significance, detect 0.10', input: { settings: sig, baselineRate: BASE, detect: 0.1 }, simulate: indep('significance', 0.1) });
  cells.push({ label: 'independent, noninferiority, truly equal', input: { settings: ni, baselineRate: BASE }, simulate: indep('noninferiority', 0) });
  // Paired: two releases differed on 10% of items; a candidate with a true drop of 0.10.
  const paired = (n: number, rand: Rand): boolean => {
    const lost = 0.1;
    const gained = 0;
    const b: Record<string, number> = {};
    const c: Record<string, number> = {};
    for (let i = 0; i < n; i++) {
      const u = rand();
      b[`i${i}`] = u < BASE ? 1 : 0;
      c[`i${i}`] = u < BASE - lost ? 1 : u < BASE ? 0 : u < BASE + gained ? 1 : 0;
    }
    return failed(regressionGate('g', sig, 'base', { metrics: [sideMetric(c)] }, { metrics: [sideMetric(b)] }));
  };
  cells.push({ label: 'paired (discordance 0.10), significance, detect 0.10', input: { settings: sig, baselineRate: BASE, detect: 0.1, paired: { discordance: 0.1 } }, simulate: paired });
  for (const cell of cells) {
    const t0 = performance.now();
    const plan = planGate(cell.input);
    const ms = performance.now() - t0;
    expect(plan.n).not.toBeNull();
    const n = plan.n as number;
    const rand = seeded(500 + n);
    let hits = 0;
    let hits70 = 0;
    const n70 = Math.floor(0.7 * n);
    for (let d = 0; d < DRAWS; d++) {
      if (cell.simulate(n, rand)) hits++;
      if (cell.simulate(n70, rand)) hits70++;
    }
    report('planner', `${cell.label}: n = ${n} (${plan.method}, planned in ${(ms / 1000).toFixed(1)} s, planner says ${((plan.power ?? 0) * 100).toFixed(1)}%), power`, hits, DRAWS, { atLeast: plan.target - 0.02 });
    report('planner', `${cell.label}: 0.7·n = ${n70}, power`, hits70, DRAWS);
    if (clopperPearson(hits70, DRAWS)[0] >= plan.target - 0.02) violations.push(`planner ${cell.label}: 0.7·n already reaches the target`);
  }
});

it('the planner with epochs and paired items across releases, checked by simulation', () => {
  // Items of a pool: rate p_i ~ Beta(mean 0.7, ICC 0.3). Between two releases a third of the
  // items change (their rate is drawn afresh), the rest keep theirs; every release runs each item
  // K = 3 times. The planner sees the previous two releases (400 shared items, 3 epochs each) and
  // plans the paired design; the candidate is then drawn with a true drop of 0.10 (its rates
  // scaled by 1 − 0.10/0.7) and judged by the real gate (paired bootstrap of the item means).
  const K = 3;
  const CHURN = 1 / 3;
  const DETECT = 0.1;
  const rand0 = seeded(606);
  const binom = (r: Rand, k: number, p: number): number => {
    let x = 0;
    for (let e = 0; e < k; e++) x += r() < p ? 1 : 0;
    return x;
  };
  const release = (rates: number[], tag: string, r: Rand): Metric => {
    const items: Record<string, number> = {};
    const epochs: Record<string, number[]> = {};
    rates.forEach((p, i) => {
      const outs = Array.from({ length: K }, () => (r() < p ? 1 : 0));
      epochs[`${tag}${i}`] = outs;
      items[`${tag}${i}`] = outs.reduce((a: number, b) => a + b, 0) / K;
    });
    return { ...sideMetric(items), epochs };
  };
  const older = Array.from({ length: 400 }, () => betaRate(rand0, BASE, 0.3));
  const newer = older.map((p) => (rand0() < CHURN ? betaRate(rand0, BASE, 0.3) : p));
  const previous = release(older, 'q', rand0);
  const latest = release(newer, 'q', rand0);
  const policy = parsePolicyText('gates:\n  - {name: g, kind: regression, metric: acc, mode: significance, tolerance: 0.05, alpha: 0.05, implausible_gain: 1}\n', 'greenlight.yaml');
  if (!policy.ok) throw new Error(JSON.stringify(policy.problems));
  const [row] = planPolicy({ gates: policy.value.gates, tier: 'base', baseline: [latest], previous: [previous], detect: DETECT, approximate: true });
  const [unpaired] = planPolicy({ gates: policy.value.gates, tier: 'base', baseline: [latest], detect: DETECT, approximate: true });
  const plan = row!.plan!;
  expect(row!.baseline.change_variance).toBeDefined();
  const n = plan.n as number;
  const simulate = (count: number, r: Rand): boolean => {
    const b: Record<string, number> = {};
    const c: Record<string, number> = {};
    for (let i = 0; i < count; i++) {
      const p = betaRate(r, BASE, 0.3);
      const q = (r() < CHURN ? betaRate(r, BASE, 0.3) : p) * (1 - DETECT / BASE);
      b[`i${i}`] = binom(r, K, p) / K;
      c[`i${i}`] = binom(r, K, q) / K;
    }
    return failed(regressionGate('g', settings('significance'), 'base', { metrics: [sideMetric(c)] }, { metrics: [sideMetric(b)] }));
  };
  const draws = 2000;
  const rand = seeded(700 + n);
  let hits = 0;
  let hits70 = 0;
  const n70 = Math.floor(0.7 * n);
  for (let d = 0; d < draws; d++) {
    if (simulate(n, rand)) hits++;
    if (simulate(n70, rand)) hits70++;
  }
  const tau = row!.baseline.change_variance as number;
  report(
    'planner, epochs + paired',
    `k = ${K}, change variance τ² = ${tau.toFixed(4)} from the previous two releases: n = ${n} (${plan.method}; the unpaired epoch model asked ${unpaired!.plan!.n}), power`,
    hits,
    draws,
    { atLeast: plan.target - 0.02 },
  );
  report('planner, epochs + paired', `0.7·n = ${n70}, power`, hits70, draws);
  if (clopperPearson(hits, draws)[0] > plan.target + 0.05) violations.push(`planner epochs + paired: power at n is ${fmtRate(hits, draws)}, more than 5 points above the target (still conservative)`);
  if (clopperPearson(hits70, draws)[0] >= plan.target - 0.02) violations.push('planner epochs + paired: 0.7·n already reaches the target');
});

it('a gate over 3 metrics in a family with 2 one-metric gates, no true drop: family-wise false-fail', () => {
  // 5 comparisons in 3 blocking significance gates; each metric 700/1000 expected on both sides.
  const yaml = (family: string) =>
    `${family}gates:\n  - {name: multi, kind: regression, metrics: [m0, m1, m2], mode: significance, tolerance: 0, alpha: 0.05, implausible_gain: 1}\n  - {name: g3, kind: regression, metric: m3, mode: significance, tolerance: 0, alpha: 0.05, implausible_gain: 1}\n  - {name: g4, kind: regression, metric: m4, mode: significance, tolerance: 0, alpha: 0.05, implausible_gain: 1}\n`;
  const parse = (y: string) => {
    const r = parsePolicyText(y, 'greenlight.yaml');
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    return r.value;
  };
  const holm = parse(yaml(''));
  const none = parse(yaml('family: none\n'));
  const names = ['m0', 'm1', 'm2', 'm3', 'm4'];
  const rand = seeded(808);
  const n = 200;
  const side = (): Metric[] =>
    names.map((name) => {
      let x = 0;
      for (let i = 0; i < n; i++) x += rand() < BASE ? 1 : 0;
      return { name, value: x / n, n, successes: x, scale: 1, higherIsBetter: true };
    });
  let fwHolm = 0;
  let fwNone = 0;
  const draws = 4000;
  for (let d = 0; d < draws; d++) {
    const b = side();
    const c = side();
    const h = evaluatePolicy(holm, undefined, c, { baseline: { metrics: b } });
    const u = evaluatePolicy(none, undefined, c, { baseline: { metrics: b } });
    if (h.ok && h.value.gates.some((g) => g.status === 'fail')) fwHolm++;
    if (u.ok && u.value.gates.some((g) => g.status === 'fail')) fwNone++;
  }
  // One gate over 10 metrics: before each metric counted, a lone gate was a family of one and every metric was judged at alpha (= family: none here).
  const ten = Array.from({ length: 10 }, (_, i) => `t${i}`);
  const lone = (family: string) => parse(`${family}gates:\n  - {name: all, kind: regression, metrics: [${ten.join(', ')}], mode: significance, tolerance: 0, alpha: 0.05, implausible_gain: 1}\n`);
  const [loneHolm, loneNone] = [lone(''), lone('family: none\n')];
  let tenHolm = 0;
  let tenNone = 0;
  const tenSide = (): Metric[] =>
    ten.map((name) => {
      let x = 0;
      for (let i = 0; i < n; i++) x += rand() < BASE ? 1 : 0;
      return { name, value: x / n, n, successes: x, scale: 1, higherIsBetter: true };
    });
  for (let d = 0; d < 2000; d++) {
    const b = tenSide();
    const c = tenSide();
    const h = evaluatePolicy(loneHolm, undefined, c, { baseline: { metrics: b } });
    const u = evaluatePolicy(loneNone, undefined, c, { baseline: { metrics: b } });
    if (h.ok && h.value.gates[0]!.status === 'fail') tenHolm++;
    if (u.ok && u.value.gates[0]!.status === 'fail') tenNone++;
  }
  report('1 gate over 10 metrics, n = 200', 'false-fail, each metric at alpha (family: none; what a lone gate got before)', tenNone, 2000);
  report('1 gate over 10 metrics, n = 200', 'false-fail, family: holm (each metric a member)', tenHolm, 2000, { atMost: ALPHA });
  report('3 gates / 5 metric comparisons, n = 200', 'family-wise false-fail, family: none', fwNone, draws);
  report('3 gates / 5 metric comparisons, n = 200', 'family-wise false-fail, family: holm (each metric a member)', fwHolm, draws, { atMost: ALPHA });
  expect(clopperPearson(fwNone, draws)[0]).toBeGreaterThan(ALPHA);
});

it('the cluster-bootstrap smallest detectable drop at few clusters: fail rate at the noted drop', () => {
  // Paired items in G passages of 10 (ICC 0.3). The candidate loses on the same items (a shared
  // draw), and 30% of its items are drawn afresh (churn), so the null is not all-tied and the
  // gate is underpowered at both G. The
  // gate notes a smallest detectable drop assuming its interval shifts with the drop; here the
  // fail rate at that true drop, against the 80% it promises.
  const M = 10;
  const CH = 0.3;
  const drawSide = (r: Rand, g: number, drop: number): { b: Metric; c: Metric } => {
    const b: Record<string, number> = {};
    const c: Record<string, number> = {};
    const f: Record<string, string> = {};
    for (let k = 0; k < g; k++) {
      const p = betaRate(r, BASE, 0.3);
      const pc = p * (1 - drop / BASE);
      for (let q = 0; q < M; q++) {
        const id = `p${k}_${q}`;
        const u = r();
        b[id] = u < p ? 1 : 0;
        c[id] = r() < CH ? (r() < pc ? 1 : 0) : u < pc ? 1 : 0;
        f[id] = `p${k}`;
      }
    }
    return { b: sideMetric(b, f), c: sideMetric(c, f) };
  };
  const s = settings('significance', { cluster_by: 'passage_id' });
  for (const g of [8, 40]) {
    // The drop the gate notes on typical null data: the median over 101 null draws.
    const r0 = seeded(900 + g);
    const noted: number[] = [];
    for (let i = 0; i < 101; i++) {
      const { b, c } = drawSide(r0, g, 0);
      const row = (regressionGate('g', s, 'base', { metrics: [c] }, { metrics: [b] }).evidence.per_task as Record<string, { min_detectable_drop?: number }>).acc;
      if (row?.min_detectable_drop !== undefined) noted.push(row.min_detectable_drop);
    }
    noted.sort((a, z) => a - z);
    const mdd = noted[Math.floor(noted.length / 2)];
    if (mdd === undefined) {
      rows.push(`| cluster bootstrap, ${g} clusters | not underpowered on null data | | | |`);
      continue;
    }
    const r = seeded(950 + g);
    let fails = 0;
    const draws = 1000;
    for (let d = 0; d < draws; d++) {
      const { b, c } = drawSide(r, g, mdd);
      if (failed(regressionGate('g', s, 'base', { metrics: [c] }, { metrics: [b] }))) fails++;
    }
    report(`cluster bootstrap, ${g} clusters × ${M}`, `fail rate at the noted smallest detectable drop ${mdd.toFixed(3)} (median over the ${noted.length} of 101 null draws that noted one; promised 80%)`, fails, draws);
  }
});

it('prints the table', () => {
  console.log(`\nStatistics decision-quality benchmark: baseline rate ${BASE}, tolerance ${TOL}, alpha ${ALPHA}; rates with exact 95% Clopper–Pearson intervals`);
  console.log('| design | rate | draws | rate [95% CI] | claim |');
  console.log('|---|---|---:|---:|---|');
  for (const r of rows) console.log(r);
  console.log(violations.length ? `VIOLATIONS: ${violations.join('; ')}` : 'Every claim holds.');
  expect(violations).toEqual([]);
});
