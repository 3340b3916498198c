/**
 * The regression gate judges tasks with counts on both sides from columns, by Newcombe's
 * interval written out (gates/regression-table.ts), not by compareOne (issue 14). On seeded
 * count data — sides of different sizes, counts at 0 and n, lower-is-better metrics, scores out
 * of 100, relative drops, gains near implausible_gain, every mode, Holm and none — the JSON is
 * byte-identical to the engine before the change (./reference), whose intervals come from
 * stats/newcombe.ts.
 */
import { describe, expect, it } from 'vitest';
import { evaluatePolicy } from '../../../src/core/evaluate';
import { GatesPolicySchema } from '../../../src/core/project';
import type { Metric } from '../../../src/core/metric';
import { mulberry32 } from '../../../src/core/stats';
import { evaluatePolicy as evaluatePolicyBefore } from './reference/evaluate';

type Rand = () => number;
const pick = <T,>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;

function side(r: Rand, name: string, n: number, p: number, unit: number, higherIsBetter: boolean, scale: number | undefined): Metric {
  const x = Math.min(n, Math.max(0, Math.round(p * n)));
  return { name, value: (x / n) * unit, n, successes: x, higherIsBetter, ...(scale !== undefined ? { scale } : {}) };
}

function scenario(seed: number) {
  const r = mulberry32(seed);
  const tasks = pick(r, [1, 2, 3, 8, 40, 60]);
  const baseline: Metric[] = [];
  const candidate: Metric[] = [];
  for (let i = 0; i < tasks; i++) {
    const name = `t${i}`;
    const higherIsBetter = r() < 0.8;
    const scale = pick(r, [undefined, 1, 100]);
    const unit = scale ?? (r() < 0.5 ? 1 : 100);
    const p = pick(r, [0, 1, 0.5, r(), r()]);
    const shift = pick(r, [0, 0, 0.01, 0.03, 0.08, 0.2, -0.03, -0.06, -0.1, -0.3]);
    baseline.push(side(r, name, pick(r, [10, 25, 37, 200, 1000]), p, unit, higherIsBetter, scale));
    candidate.push(side(r, name, pick(r, [10, 25, 37, 200, 1000]), p - shift, unit, higherIsBetter, scale));
  }
  const names = baseline.map((m) => m.name);
  const gates = Array.from({ length: pick(r, [1, 2, 3]) }, (_, g) => ({
    name: `g${g}`,
    kind: 'regression',
    mode: pick(r, ['significance', 'significance', 'noninferiority', 'tolerance', 'strict']),
    metrics: names.filter(() => r() < 0.8),
    tolerance: r() < 0.2 ? { base: 0.02 } : pick(r, [0, 0.01, 0.05, 0.1]),
    relative: r() < 0.2,
    alpha: pick(r, [0.05, 0.01, 0.2]),
    ...(r() < 0.4 ? { implausible_gain: pick(r, [0, 0.02, 0.05, 0.1]) } : {}),
    ...(r() < 0.15 ? { advisory: true } : {}),
  }));
  for (const g of gates) if (g.metrics.length === 0) g.metrics = [names[0] as string];
  const policy = GatesPolicySchema.parse({ tiers: ['base', 'first_sft'], gates, ...(r() < 0.3 ? { family: 'none' } : {}) });
  return { policy, tier: pick(r, ['base', 'first_sft']), baseline, candidate };
}

describe('counts judged from columns', () => {
  it('300 seeded count scenarios: the same JSON as the engine before', () => {
    const seen = { pass: 0, fail: 0, anomalous: 0, underpowered: 0, holmLevels: 0 };
    for (let seed = 1; seed <= 300; seed++) {
      const { policy, tier, baseline, candidate } = scenario(seed);
      const given = { baseline: { metrics: baseline } };
      const after = evaluatePolicy(policy, tier, candidate, given);
      expect(JSON.stringify(after), `seed ${seed}`).toBe(JSON.stringify(evaluatePolicyBefore(policy, tier, candidate, given)));
      if (!after.ok) continue;
      for (const g of after.value.gates) {
        if (g.status === 'pass' || g.status === 'fail' || g.status === 'anomalous') seen[g.status]++;
        if (g.evidence.underpowered === true) seen.underpowered++;
        if (g.evidence.alpha_adjusted_by_metric) seen.holmLevels++;
      }
    }
    // The draws reach every outcome (a generator that missed one would prove nothing about it).
    for (const [what, count] of Object.entries(seen)) expect(count, what).toBeGreaterThan(5);
  });
});
