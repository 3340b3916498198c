/**
 * The planner with epochs and paired items across releases (issue 16): the variance of the
 * per-item change between the two releases, checked by hand, and the plan it gives against the
 * unpaired epoch model it replaces. The power itself is checked by simulation in
 * bench/statistics.bench.ts ("the planner with epochs and paired items across releases").
 */
import { describe, expect, it } from 'vitest';
import { pairedChangeVariance, planPolicy } from '../../../src/core/gates/plan-policy';
import { parsePolicyText } from '../../../src/core/project';
import type { Metric } from '../../../src/core/metric';

function release(epochs: Record<string, number[]>): Metric {
  const items = Object.fromEntries(Object.entries(epochs).map(([id, v]) => [id, v.reduce((s, x) => s + x, 0) / v.length]));
  const values = Object.values(items);
  return { name: 'acc', value: values.reduce((s, x) => s + x, 0) / values.length, n: values.length, scale: 1, higherIsBetter: true, items, epochs };
}

describe('paired change variance of two releases with epochs', () => {
  it('4 items × 2 epochs: τ² = 0.5 − 0.125/2 − 0.125/2 = 0.375', () => {
    // latest means 1, .5, 0, 1 (within-item variances 0, .5, 0, 0: mean .125);
    // earlier means 1, 1, .5, 0 (0, 0, .5, 0: mean .125); differences 0, −.5, −.5, 1, sample variance 1.5/3 = 0.5.
    const latest = release({ a: [1, 1], b: [1, 0], c: [0, 0], d: [1, 1] });
    const earlier = release({ a: [1, 1], b: [1, 1], c: [1, 0], d: [0, 0] });
    expect(pairedChangeVariance(latest, earlier)).toBeCloseTo(0.375, 12);
  });

  it('no shared items, or no epochs on one side: no paired variance', () => {
    expect(pairedChangeVariance(release({ a: [1, 0], b: [0, 0] }), release({ x: [1, 0], y: [1, 1] }))).toBeNull();
    const single: Metric = { name: 'acc', value: 0.5, n: 2, scale: 1, higherIsBetter: true, items: { a: 1, b: 0 } };
    expect(pairedChangeVariance(release({ a: [1, 0], b: [0, 0] }), single)).toBeNull();
  });

  it('the plan uses it: fewer items than the unpaired epoch model when the releases share difficulty', () => {
    // 200 items whose difficulty both releases share (even items nearly always pass, odd items
    // nearly always fail; one epoch in ten flips, on other items in each release): the items
    // differ a lot, the releases little, so the paired design needs far fewer items.
    const ep = (flip: number): Record<string, number[]> =>
      Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`q${i}`, i % 2 === 0 ? [1, 1, (i + flip) % 10 === 0 ? 0 : 1] : [0, 0, (i + flip) % 10 === 1 ? 1 : 0]]));
    const latest = release(ep(0));
    const earlier = release(ep(1));
    const p = parsePolicyText('gates:\n  - {name: g, kind: regression, metric: acc, mode: significance, tolerance: 0.05}\n', 'greenlight.yaml');
    if (!p.ok) throw new Error('policy');
    const [paired] = planPolicy({ gates: p.value.gates, tier: 'base', baseline: [latest], previous: [earlier], approximate: true });
    const [alone] = planPolicy({ gates: p.value.gates, tier: 'base', baseline: [latest], approximate: true });
    expect(paired!.baseline.change_variance).toBeDefined();
    expect(paired!.plan!.n!).toBeLessThan(alone!.plan!.n! / 3);
    expect(paired!.plan!.words).toContain('at 3 epochs, paired with the previous release item by item');
    expect(alone!.plan!.words).not.toContain('paired');
  });
});
