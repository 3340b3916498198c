/**
 * The cluster bootstrap's interval at a hypothesised drop (for the smallest detectable drop):
 * at the observed drop it is the observed interval; at a larger drop it is wider, because more
 * items lost is more spread — the observed interval merely shifted promised 80% power and gave
 * 46% at 8 clusters (bench/statistics.bench.ts).
 */
import { describe, expect, it } from 'vitest';
import { clusteredDropInterval } from '../../../src/core/gates/regression-cluster';
import type { Metric } from '../../../src/core/metric';

describe('cluster bootstrap at a hypothesised drop', () => {
  // 8 passages of 10; the baseline passes 7 of each, the candidate loses one item in passages 0–3.
  const b: Record<string, number> = {};
  const c: Record<string, number> = {};
  const f: Record<string, string> = {};
  for (let g = 0; g < 8; g++) {
    for (let q = 0; q < 10; q++) {
      const id = `p${g}_${q}`;
      b[id] = q < 7 ? 1 : 0;
      c[id] = q < 7 && !(g < 4 && q === 0) ? 1 : 0;
      f[id] = `p${g}`;
    }
  }
  const side = (items: Record<string, number>): Metric & { value: number } => {
    const x = Object.values(items).reduce((s, v) => s + v, 0);
    return { name: 'acc', value: x / 80, n: 80, successes: x, scale: 1, higherIsBetter: true, items, itemFields: { passage_id: f } };
  };
  const iv = clusteredDropInterval(side(b), side(c), 1, 1, 0.05, { resamples: 2000, seed: 1 }, 'passage_id');
  if ('problem' in iv) throw new Error(iv.problem);

  it('at the observed drop it gives the observed interval', () => {
    expect(iv.estimate).toBeCloseTo(4 / 80, 12);
    const same = iv.at(iv.estimate);
    expect(same.lo).toBeCloseTo(iv.lo, 12);
    expect(same.hi).toBeCloseTo(iv.hi, 12);
  });

  it('at a larger drop it is wider than the observed interval shifted, and keeps the drop inside', () => {
    const w0 = iv.hi - iv.lo;
    const at = iv.at(0.2);
    expect(at.hi - at.lo).toBeGreaterThan(1.5 * w0);
    expect(at.lo).toBeLessThan(0.2);
    expect(at.hi).toBeGreaterThan(0.2);
  });
});
