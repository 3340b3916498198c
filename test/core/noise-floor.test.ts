/** The noise floor of two runs of one version (core/noise-floor): item flips, and no interval made up for a metric that has none. */
import { describe, expect, it } from 'vitest';
import { differingItems, noiseFloor } from '../../src/core/noise-floor';
import type { Metric } from '../../src/core/metric';

const rate = (items: Record<string, number>): Metric => {
  const v = Object.values(items);
  const s = v.reduce((a, b) => a + b, 0);
  return { name: 'pass_rate', value: s / v.length, n: v.length, successes: s, higherIsBetter: true, scale: 1, items };
};

describe('noise floor', () => {
  it('counts the items that differ and lists them in the first run’s order', () => {
    const a = rate({ x: 1, y: 0, z: 1, w: 1 });
    const b = rate({ x: 0, y: 1, z: 1, w: 1, extra: 0 });
    const [row] = noiseFloor([a], [b]);
    expect(row).toMatchObject({ metric: 'pass_rate', paired_items: 4, flipped: 2, scale: 1 });
    expect(differingItems(a, b)).toEqual([{ id: 'x', first: 1, second: 0 }, { id: 'y', first: 0, second: 1 }]);
    expect(differingItems(a, b, 1)).toHaveLength(1);
  });

  it('a cost with n but no scale, stderr or items gets no interval (it is not a proportion of n)', () => {
    // The example's cost_per_success_usd: $0.0024 over 201 successes. Read as a proportion it got a ±0.02 "noise floor".
    const cost = (value: number): Metric => ({ name: 'cost_per_success_usd', value, n: 201, higherIsBetter: false, unit: 'USD' });
    const [row] = noiseFloor([cost(0.002376)], [cost(0.00234)]);
    expect(row).toMatchObject({ interval: null, noise_floor: null, method: null });
    expect(row!.difference).toBeCloseTo(-0.000036, 9);
    // With standard errors it has one, in its own units.
    const withSe = noiseFloor([{ ...cost(0.002376), stderr: 0.00003 }], [{ ...cost(0.00234), stderr: 0.00003 }])[0]!;
    expect(withSe.noise_floor).toBeCloseTo(1.96 * Math.sqrt(2) * 0.00003, 6);
  });
});
