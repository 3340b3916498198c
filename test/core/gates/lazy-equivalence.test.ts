/**
 * Issue 14 made the gate engine judge every task with numbers only and build the per-task rows
 * (notes, intervals) when they are read. What a user sees must not change: on seeded random
 * policies and reports — every regression mode, every kind of evidence (bare scores, counts,
 * stderr, ci95, paired pass/fail and scored items, clusters), invalid and out-of-range scores,
 * implausible gains, several significance gates (Holm), advisory gates (Benjamini–Hochberg),
 * more and fewer tasks than the smallest-detectable-drop limit — the JSON of `evaluatePolicy`
 * and of the compare command's `regressionGate` is byte-identical to the engine before the
 * change (a frozen copy in ./reference), and so is what crosses IPC (structuredClone).
 */
import { describe, expect, it } from 'vitest';
import { evaluatePolicy } from '../../../src/core/evaluate';
import { regressionGate, type RegressionSettings } from '../../../src/core/gates/regression';
import { GatesPolicySchema, type GatesPolicy } from '../../../src/core/project';
import type { Metric } from '../../../src/core/metric';
import { mulberry32 } from '../../../src/core/stats';
import { evaluatePolicy as evaluatePolicyBefore } from './reference/evaluate';
import { regressionGate as regressionGateBefore } from './reference/regression';

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
const int = (r: Rand, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));

function items(r: Rand, ids: string[], rate: number, binary: boolean): Record<string, number> {
  return Object.fromEntries(ids.map((id) => [id, binary ? (r() < rate ? 1 : 0) : Math.round(r() * 1000) / 1000]));
}

/** A baseline and a candidate metric for one task, with one kind of evidence. */
function pair(r: Rand, name: string, kinds: readonly string[]): [Metric, Metric] {
  const higherIsBetter = r() < 0.85;
  const scale = pick(r, [undefined, 1, 100]);
  const unit = scale ?? (r() < 0.5 ? 1 : 100);
  const p = 0.2 + r() * 0.7;
  const shift = pick(r, [0, 0, 0, 0.01, 0.05, 0.2, -0.02, -0.15]);
  const q = Math.min(1, Math.max(0, p - shift));
  const common = { name, higherIsBetter, ...(scale !== undefined ? { scale } : {}) };
  const kind = pick(r, kinds);
  const n = pick(r, [10, 25, 200, 1000]);
  const ids = Array.from({ length: int(r, 2, 40) }, (_, i) => `q${i}`);
  switch (kind) {
    case 'counts': {
      const bx = Math.round(p * n);
      const cx = Math.round(q * n);
      return [{ ...common, value: (bx / n) * unit, n, successes: bx }, { ...common, value: (cx / n) * unit, n, successes: cx }];
    }
    case 'derived':
      return [{ ...common, value: p * unit, n }, { ...common, value: q * unit, n }];
    case 'stderr':
      return [{ ...common, value: p * unit, stderr: r() * 0.05 * unit, n }, { ...common, value: q * unit, stderr: r() * 0.05 * unit }];
    case 'ci95':
      return [{ ...common, value: p * unit, ci95: [(p - 0.05) * unit, (p + 0.05) * unit] }, { ...common, value: q * unit, ci95: [(q - 0.04) * unit, (q + 0.06) * unit] }];
    case 'paired':
    case 'scored':
    case 'clustered': {
      const bi = items(r, ids, p, kind !== 'scored');
      const ci = Object.fromEntries(Object.entries(bi).map(([id, v]) => [id, r() < 0.2 ? (kind === 'scored' ? Math.round(r() * 1000) / 1000 : 1 - v) : v]));
      const mean = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0) / ids.length;
      const fields = kind === 'clustered' ? { itemFields: { passage_id: Object.fromEntries(ids.map((id, i) => [id, `p${i % int(r, 1, 6)}`])) } } : {};
      return [
        { ...common, value: mean(bi) * unit, items: bi, n: ids.length, ...fields },
        { ...common, value: mean(ci) * unit, items: ci, n: ids.length, ...fields },
      ];
    }
    case 'invalid':
      return r() < 0.5 ? [{ ...common, value: null, invalid: 'NaN' }, { ...common, value: q * unit }] : [{ ...common, value: p * unit }, { ...common, value: null, invalid: '"42"' }];
    case 'range':
      return [{ ...common, value: p * unit }, { ...common, value: (1.5 + r()) * unit }];
    default:
      return [{ ...common, value: p * unit }, { ...common, value: q * unit }];
  }
}

function regressionGateConfig(r: Rand, i: number, names: string[], clusterable: boolean, family: boolean): Record<string, unknown> {
  const mode = family ? 'significance' : pick(r, ['strict', 'tolerance', 'noninferiority', 'significance', 'significance', 'noninferiority']);
  const named = r() < 0.2 ? { metric: pick(r, names) } : r() < 0.6 ? { metrics: names.filter(() => r() < 0.8) } : {};
  return {
    name: `no_regression_${i}`,
    kind: 'regression',
    mode,
    ...named,
    tolerance: r() < 0.2 ? { base: 0.02, first_sft: 0.05 } : pick(r, [0, 0.01, 0.05, 0.1, 0.3]),
    relative: r() < 0.15,
    alpha: pick(r, [0.05, 0.05, 0.01, 0.2]),
    ...(r() < 0.2 ? { implausible_gain: pick(r, [0, 0.02, 0.5]) } : {}),
    ...(!family && r() < 0.15 ? { advisory: true } : {}),
    ...(r() < 0.2 ? { required: true } : {}),
    ...(clusterable && r() < 0.3 ? { cluster_by: 'passage_id' } : {}),
    ...(r() < 0.2 ? { scales: Object.fromEntries(names.filter(() => r() < 0.3).map((n) => [n, 100])) } : {}),
    bootstrap: { resamples: 200, seed: int(r, 1, 5) },
  };
}

function scenario(seed: number): { policy: GatesPolicy; tier: string; candidate: Metric[]; baseline: Metric[] } {
  const r = mulberry32(seed);
  const tasks = pick(r, [1, 2, 5, 30, 50, 51, 120]);
  const names = Array.from({ length: tasks }, (_, i) => `task_${i}`);
  const baseline: Metric[] = [];
  const candidate: Metric[] = [];
  // Most reports are clean (no invalid or out-of-range score), so that gates get judged on intervals, not stopped by an anomaly.
  const good = ['bare', 'counts', 'counts', 'derived', 'stderr', 'ci95', 'paired', 'paired', 'scored', 'clustered'];
  // A quarter are a family of blocking significance gates on clean data (Holm's step-down re-evaluates them).
  const family = seed % 4 === 0;
  const kinds = family || r() < 0.65 ? good : [...good, 'invalid', 'range'];
  for (const n of names) {
    const [b, c] = pair(r, n, kinds);
    baseline.push(b);
    candidate.push(c);
  }
  if (!family && r() < 0.2) baseline.pop(); // task sets differ for the gates that compare every metric
  candidate.push({ name: 'task_pass_rate', value: r(), higherIsBetter: true });
  const clusterable = candidate.some((m) => m.itemFields);
  const gates: Array<Record<string, unknown>> = [{ name: 'task_pass_rate', direction: 'min', thresholds: { base: 0.4, first_sft: 0.55 } }];
  for (let i = 0, k = family ? int(r, 2, 4) : int(r, 1, 4); i < k; i++) gates.push(regressionGateConfig(r, i, names, clusterable, family));
  const policy = GatesPolicySchema.parse({
    tiers: ['base', 'first_sft'],
    gates,
    ...(r() < 0.3 ? { family: pick(r, ['holm', 'none']) } : {}),
    ...(r() < 0.3 ? { inconclusive: 'block' } : {}),
  });
  return { policy, tier: pick(r, ['base', 'first_sft']), candidate, baseline };
}

const SEEDS = Array.from({ length: 200 }, (_, i) => 1000 + i);

/**
 * A Holm family whose gates compare many clean metrics (issue 14h): drops from none to clear, so
 * that Holm's step-down rejects none, some or all at its first step and later ones, and a gate's
 * metrics end at one level (judged once, reused) or at several (judged a level at a time).
 */
function manyMetricFamily(seed: number): { policy: GatesPolicy; candidate: Metric[]; baseline: Metric[] } {
  const r = mulberry32(seed);
  // Now and then names that a record orders apart from the tasks' order ("7" before "task_0"), and one given twice.
  const style = r();
  const names = Array.from({ length: pick(r, [2, 5, 6, 12, 40, 120]) }, (_, i) => (style < 0.2 && i % 3 === 0 ? String(40 - i) : `task_${i}`));
  const dropOf = pick(r, [[0], [0, 0, 0, 0.3], [0, 0.02, 0.05, 0.08, 0.12, 0.2], [0.3]]);
  const baseline: Metric[] = [];
  const candidate: Metric[] = [];
  for (const name of names) {
    const n = pick(r, [200, 1000]);
    const p = 0.4 + r() * 0.5;
    const bx = Math.round(p * n);
    const cx = Math.max(0, Math.round((p - pick(r, dropOf)) * n));
    baseline.push({ name, value: bx / n, n, successes: bx, scale: 1, higherIsBetter: true });
    candidate.push({ name, value: cx / n, n, successes: cx, scale: 1, higherIsBetter: true });
  }
  const gates = Array.from({ length: int(r, 1, 3) }, (_, i) => {
    const some = names.filter(() => r() < 0.7);
    const listed = some.length ? some : names;
    return { name: `no_regression_${i}`, kind: 'regression', mode: 'significance', metrics: style > 0.9 ? [...listed, listed[0] as string] : listed, tolerance: pick(r, [0, 0.01]), alpha: pick(r, [0.05, 0.05, 0.2]) };
  });
  return { policy: GatesPolicySchema.parse({ gates }), candidate, baseline };
}

describe('the lazy gate engine is byte-identical to the engine before it', () => {
  it(`evaluatePolicy on ${SEEDS.length} seeded random policies and reports: same JSON, same structured clone`, () => {
    const seen = { regression: 0, underpowered: 0, anomalous: 0, holm: 0, advisory: 0, paired: 0, clustered: 0 };
    for (const seed of SEEDS) {
      const { policy, tier, candidate, baseline } = scenario(seed);
      const context = { candidateContext: { dataset_size: 100 }, baseline: { metrics: baseline, context: { dataset_size: seed % 7 === 0 ? 90 : 100 } } };
      const after = evaluatePolicy(policy, tier, candidate, context);
      const before = evaluatePolicyBefore(policy, tier, candidate, context);
      const json = JSON.stringify(after);
      expect(json, `seed ${seed}`).toBe(JSON.stringify(before));
      expect(JSON.stringify(structuredClone(after)), `seed ${seed} (structuredClone)`).toBe(json);
      if (!after.ok) continue;
      for (const g of after.value.gates) {
        if (g.kind !== 'regression') continue;
        seen.regression++;
        if (g.evidence.underpowered === true) seen.underpowered++;
        if (g.status === 'anomalous') seen.anomalous++;
        const fam = g.evidence.family as { method?: string } | undefined;
        if (fam?.method === 'holm') seen.holm++;
        if (fam?.method === 'benjamini-hochberg') seen.advisory++;
        const rows = Object.values((g.evidence.per_task ?? {}) as Record<string, { method?: string }>);
        if (rows.some((t) => t.method === 'paired-tango' || t.method === 'paired-bootstrap')) seen.paired++;
        if (rows.some((t) => t.method === 'cluster-bootstrap')) seen.clustered++;
      }
    }
    console.log(`regression gates judged: ${JSON.stringify(seen)}`);
    // The draws reach the paths that matter (a generator that missed them would prove nothing).
    for (const [what, count] of Object.entries(seen)) expect(count, what).toBeGreaterThan(3);
  });

  it('a Holm family over many metrics per gate (one level or several per gate): same JSON, the levels summarised in the note', () => {
    const seen = { oneLevel: 0, severalLevels: 0, summarised: 0, namedFailures: 0, listed: 0 };
    for (const seed of SEEDS.slice(0, 120)) {
      const { policy, candidate, baseline } = manyMetricFamily(seed);
      const context = { baseline: { metrics: baseline } };
      const after = evaluatePolicy(policy, undefined, candidate, context);
      const json = JSON.stringify(after);
      expect(json, `seed ${seed}`).toBe(JSON.stringify(evaluatePolicyBefore(policy, undefined, candidate, context)));
      expect(JSON.stringify(structuredClone(after)), `seed ${seed} (structuredClone)`).toBe(json);
      if (!after.ok) continue;
      for (const g of after.value.gates) {
        const levels = g.evidence.alpha_adjusted_by_metric as Record<string, number> | undefined;
        if (!levels) continue;
        const distinct = new Set(Object.values(levels)).size;
        if (distinct === 1) seen.oneLevel++;
        else seen.severalLevels++;
        if (Object.keys(levels).length <= 5) {
          seen.listed++;
          continue;
        }
        seen.summarised++;
        // A person reads a range, not every level: the note stays short however many metrics the gate has.
        const family = g.note.slice(g.note.search(/its \d+ metrics (all judged at alpha|judged at Holm levels from)/));
        expect(family.length, `seed ${seed}: ${g.note}`).toBeGreaterThan(0);
        expect(family.length, `seed ${seed}: ${family}`).toBeLessThan(600);
        if (g.note.includes(', failed: ')) seen.namedFailures++;
      }
    }
    console.log(`many-metric Holm gates: ${JSON.stringify(seen)}`);
    for (const [what, count] of Object.entries(seen)) expect(count, what).toBeGreaterThan(3);
  });

  it('the compare command (every task, no metrics named) on seeded random score sets: same JSON', () => {
    for (const seed of SEEDS.slice(0, 80)) {
      const { candidate, baseline } = scenario(seed);
      const r = mulberry32(seed);
      const s: RegressionSettings = {
        name: 'compare',
        required: false,
        mode: pick(r, ['strict', 'tolerance', 'significance', 'noninferiority'] as const),
        tolerance: pick(r, [0, 0.01, 0.05]),
        relative: r() < 0.2,
        alpha: 0.05,
        comparability: { keys: ['dataset_size'], allow: r() < 0.5 },
        bootstrap: { resamples: 200, seed: 1 },
        ...(r() < 0.3 ? { scales: { task_0: 100, not_a_task: 1 } } : {}),
      };
      const cand = candidate.filter((m) => m.name !== 'task_pass_rate');
      const after = regressionGate('compare', s, 'default', { metrics: cand }, { metrics: baseline });
      const before = regressionGateBefore('compare', s, 'default', { metrics: cand }, { metrics: baseline });
      expect(JSON.stringify(after), `seed ${seed}`).toBe(JSON.stringify(before));
    }
  });

  it('per_task is built once, on first read, and reads like a plain value', () => {
    const g = SEEDS.flatMap((seed) => {
      const { policy, tier, candidate, baseline } = scenario(seed);
      const r = evaluatePolicy(policy, tier, candidate, { baseline: { metrics: baseline } });
      return r.ok ? r.value.gates : [];
    }).find((x) => x.kind === 'regression' && Object.keys(x.evidence).includes('per_task'));
    if (!g) throw new Error('scenario has no per-task rows');
    expect(g.evidence.per_task).toBe(g.evidence.per_task); // the same object on every read
    expect(Object.keys(g.evidence)).toContain('per_task');
    expect({ ...g.evidence }.per_task).toEqual(g.evidence.per_task);
    g.evidence.per_task = { replaced: true };
    expect(g.evidence.per_task).toEqual({ replaced: true });
  });
});

describe('a task named like an Object.prototype member', () => {
  it('gets its inferred scale, not a function found on the prototype', () => {
    const s: RegressionSettings = { name: 'r', required: false, mode: 'tolerance', tolerance: 0.01, relative: false, alpha: 0.05, comparability: { keys: [], allow: false }, bootstrap: { resamples: 200, seed: 1 } };
    const g = regressionGate('r', s, 'base', { metrics: [{ name: 'constructor', value: 0.8, higherIsBetter: true }] }, { metrics: [{ name: 'constructor', value: 0.8, higherIsBetter: true }] });
    expect(g.status).toBe('pass');
    const rows = g.evidence.per_task as Record<string, { scale: number } | undefined>;
    expect(rows['constructor']?.scale).toBe(1);
  });
});
