import { describe, expect, it } from 'vitest';
import { bhAdjust, holmAdjust, holmStepDown, holmStepDownBatched, mulberry32, pValueByBisection } from '../../../src/core/stats';

// Benjamini & Hochberg (1995), JRSS B 57:289–300, §4: fifteen p-values from a study of
// myocardial infarction treatment; at level 0.05 their procedure rejects four hypotheses and
// the Bonferroni-type (Holm) procedure three.
const BH_1995 = [0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.324, 0.4262, 0.5719, 0.6528, 0.759, 1.0];

describe('Holm and Benjamini–Hochberg', () => {
  it('reproduces Benjamini & Hochberg (1995)’s worked example: BH rejects 4, Holm 3', () => {
    expect(bhAdjust(BH_1995).filter((q) => q <= 0.05).length).toBe(4);
    expect(holmAdjust(BH_1995).filter((q) => q <= 0.05).length).toBe(3);
  });

  it('adjusts by hand: p = (0.01, 0.04, 0.03, 0.005) → Holm (0.03, 0.06, 0.06, 0.02)', () => {
    const h = holmAdjust([0.01, 0.04, 0.03, 0.005]);
    [0.03, 0.06, 0.06, 0.02].forEach((v, i) => expect(h[i]).toBeCloseTo(v, 12));
    // BH: sorted 0.005·4/1 = 0.02, 0.01·4/2 = 0.02, 0.03·4/3 = 0.04, 0.04·4/4 = 0.04.
    const q = bhAdjust([0.01, 0.04, 0.03, 0.005]);
    [0.02, 0.04, 0.04, 0.02].forEach((v, i) => expect(q[i]).toBeCloseTo(v, 12));
  });

  it('the step-down on tests asked only "reject at level a?" makes the same decisions as Holm on their p-values', () => {
    const rand = mulberry32(9);
    for (let trial = 0; trial < 500; trial++) {
      const m = 1 + Math.floor(rand() * 10);
      const p = Array.from({ length: m }, () => (rand() < 0.3 ? rand() * 0.02 : rand()));
      const byHolm = holmAdjust(p).map((v) => v <= 0.05);
      const { rejected, alphaAdjusted } = holmStepDown(m, 0.05, (i, level) => (p[i] as number) <= level);
      expect(rejected).toEqual(byHolm);
      // Each test's decision is its own at the level it was judged.
      rejected.forEach((r, i) => expect(r).toBe((p[i] as number) <= (alphaAdjusted[i] as number)));
    }
  });

  it('the batched step-down (a step’s tests asked at once) decides and levels as the step-down asking one at a time', () => {
    const rand = mulberry32(11);
    for (let trial = 0; trial < 500; trial++) {
      const m = 1 + Math.floor(rand() * 12);
      // Ties and tests that reject only at a later step's larger level.
      const p = Array.from({ length: m }, () => (rand() < 0.4 ? pick([0.05 / m, 0.05 / (m - 1 || 1), 0.001, 0.03]) : rand()));
      const one = holmStepDown(m, 0.05, (i, level) => (p[i] as number) <= level);
      const asked: number[] = [];
      const batched = holmStepDownBatched(m, 0.05, (level, remaining, out) => {
        asked.push(level);
        for (let i = 0; i < m; i++) if (remaining[i] === 1 && (p[i] as number) <= level) out.push(i);
      });
      expect([...batched.rejected].map(Boolean)).toEqual(one.rejected);
      expect([...batched.alphaAdjusted]).toEqual(one.alphaAdjusted);
      // One call per step, the levels rising: alpha/m, alpha/(m − r), …
      asked.forEach((level, k) => k > 0 && expect(level).toBeGreaterThan(asked[k - 1] as number));
    }
    function pick(xs: number[]): number {
      return xs[Math.floor(rand() * xs.length)] as number;
    }
  });

  it('recovers a p-value from a monotone test by bisection', () => {
    expect(pValueByBisection((a) => 0.0123 <= a)).toBeCloseTo(0.0123, 6);
    expect(pValueByBisection(() => false)).toBe(1);
  });
});
