/**
 * Clustered standard errors, the cluster bootstrap, per-item reduction of epochs and
 * pass@k / pass^k, each against a worked example or a brute-force enumeration.
 */
import { describe, expect, it } from 'vitest';
import { clusterBootstrap, clusteredMean, kishDesignEffect, mulberry32, passAtK, passHatK, passKSummary, reduceEpochs, runSpread, itemMeanStderr } from '../../../src/core/stats';

describe('clustered standard error (CR1)', () => {
  it('works the six-item example by hand: G/(G−1)·Σ_g(Σ e)²/N²', () => {
    // Items 0,4,5 in cluster a (1,0,0), items 1,2,3 in cluster b (1,1,0); mean 0.5.
    // Cluster residual sums −0.5 and +0.5, meat 0.5, factor 2/1 → var 1/36, se 1/6.
    // Naive: s² = 6·0.25/5 = 0.3 → se √(0.3/6) = 0.2236; design effect (1/6)²/0.05 = 0.5556.
    const r = clusteredMean([1, 1, 1, 0, 0, 0], ['a', 'b', 'b', 'b', 'a', 'a']);
    expect(r.mean).toBe(0.5);
    expect(r.clusters).toBe(2);
    expect(r.stderr).toBeCloseTo(1 / 6, 12);
    expect(r.naiveStderr).toBeCloseTo(Math.sqrt(0.05), 12);
    expect(r.designEffect).toBeCloseTo(5 / 9, 12);
  });

  it('reduces to sd/√n when every item is its own cluster (the small-sample factor is what makes it exact)', () => {
    const values = [0.2, 0.9, 0.4, 0.4, 1, 0, 0.75];
    const r = clusteredMean(values, values.map((_, i) => `c${i}`));
    expect(r.stderr).toBeCloseTo(r.naiveStderr, 12);
    expect(r.designEffect).toBeCloseTo(1, 12);
  });

  it('equals the CR1 sandwich written out as Stata states it, on uneven clusters', () => {
    const values = [3, 5, 4, 9, 8, 1, 2, 2, 7, 6, 5];
    const keys = ['x', 'x', 'y', 'y', 'y', 'y', 'z', 'w', 'w', 'w', 'v'];
    const n = values.length;
    const mean = values.reduce((s, v) => s + v, 0) / n;
    const sums = new Map<string, number>();
    values.forEach((v, i) => sums.set(keys[i]!, (sums.get(keys[i]!) ?? 0) + v - mean));
    const g = sums.size;
    const k = 1;
    // V = (X'X)⁻¹ (Σ_g u_g u_g') (X'X)⁻¹ · G/(G−1) · (N−1)/(N−K), with X a column of ones.
    const meat = [...sums.values()].reduce((s, u) => s + u * u, 0);
    const v = (meat / (n * n)) * (g / (g - 1)) * ((n - 1) / (n - k));
    expect(clusteredMean(values, keys).stderr).toBeCloseTo(Math.sqrt(v), 12);
  });

  it('a single cluster says nothing (NaN), never a confident zero', () => {
    expect(Number.isNaN(clusteredMean([1, 0, 1], ['a', 'a', 'a']).stderr)).toBe(true);
  });

  it('finds the Kish design effect 1 + (m−1)·ICC in clustered draws (40 passages × 10 questions, ICC 0.3)', () => {
    const rand = mulberry32(11);
    let deff = 0;
    const reps = 300;
    for (let r = 0; r < reps; r++) {
      const values: number[] = [];
      const keys: string[] = [];
      for (let g = 0; g < 40; g++) {
        // A beta-binomial passage: its own pass rate from Beta with ICC = 1/(a+b+1) = 0.3.
        const p = betaDraw(rand, 0.7 * (1 / 0.3 - 1), 0.3 * (1 / 0.3 - 1));
        for (let q = 0; q < 10; q++) {
          values.push(rand() < p ? 1 : 0);
          keys.push(`p${g}`);
        }
      }
      deff += clusteredMean(values, keys).designEffect;
    }
    expect(kishDesignEffect(10, 0.3)).toBeCloseTo(3.7, 12);
    expect(deff / reps).toBeGreaterThan(3.2);
    expect(deff / reps).toBeLessThan(4.2);
  });
});

describe('cluster bootstrap of paired differences', () => {
  it('is reproducible from its seed and widens with the clusters', () => {
    const rand = mulberry32(5);
    const diffs: number[] = [];
    const keys: string[] = [];
    for (let g = 0; g < 30; g++) {
      const shift = rand() < 0.5 ? 0.3 : -0.3;
      for (let q = 0; q < 8; q++) {
        diffs.push(shift + (rand() - 0.5) * 0.2);
        keys.push(`g${g}`);
      }
    }
    const a = clusterBootstrap(diffs, keys, { seed: 3, resamples: 2000 });
    const b = clusterBootstrap(diffs, keys, { seed: 3, resamples: 2000 });
    expect(a).toEqual(b);
    const naive = clusterBootstrap(diffs, diffs.map((_, i) => `i${i}`), { seed: 3, resamples: 2000 });
    expect(a.hi - a.lo).toBeGreaterThan(2 * (naive.hi - naive.lo));
    expect(a.clusters).toBe(30);
  });
});

describe('epochs', () => {
  it('averages each item over its epochs and reports the run-to-run spread', () => {
    const r = reduceEpochs([
      { id: 'a', epoch: 1, value: 1 },
      { id: 'b', epoch: 1, value: 0 },
      { id: 'a', epoch: 2, value: 0 },
      { id: 'b', epoch: 2, value: 0 },
      { id: 'a', epoch: 3, value: 1 },
      { id: 'b', epoch: 3, value: 1 },
    ]);
    expect(r.k).toBe(3);
    expect(r.means).toEqual({ a: 2 / 3, b: 1 / 3 });
    expect(r.epochs.a).toEqual([1, 0, 1]);
    const s = runSpread(r.epochs, r.k);
    expect(s.perEpoch).toEqual([0.5, 0, 1]);
    expect(s.sd).toBeCloseTo(0.5, 12);
    // Two items: the standard error is over the two item means, not the six outcomes.
    expect(itemMeanStderr(r.means)).toBeCloseTo(Math.sqrt(((1 / 6) ** 2 * 2) / 1 / 2), 12);
  });

  it('names items that miss epochs', () => {
    const r = reduceEpochs([
      { id: 'a', epoch: 1, value: 1 },
      { id: 'a', epoch: 2, value: 1 },
      { id: 'b', epoch: 1, value: 0 },
    ]);
    expect(r.incomplete).toEqual(['b']);
  });
});

describe('pass@k and pass^k', () => {
  const choose = (n: number, k: number): number => (k < 0 || k > n ? 0 : k === 0 ? 1 : (choose(n - 1, k - 1) * n) / k);
  it('matches Chen et al. (2021)’s definition 1 − C(n−c,k)/C(n,k) and C(c,k)/C(n,k) for every n ≤ 12', () => {
    for (let n = 1; n <= 12; n++)
      for (let c = 0; c <= n; c++)
        for (let k = 1; k <= n; k++) {
          expect(passAtK(n, c, k)).toBeCloseTo(1 - choose(n - c, k) / choose(n, k), 12);
          expect(passHatK(n, c, k)).toBeCloseTo(choose(c, k) / choose(n, k), 12);
        }
  });

  it('works the small examples: 2 of 5 pass → pass@2 = 0.7, pass^2 = 0.1; pass@1 = pass^1 = c/n', () => {
    expect(passAtK(5, 2, 2)).toBeCloseTo(0.7, 12);
    expect(passHatK(5, 2, 2)).toBeCloseTo(0.1, 12);
    expect(passAtK(200, 37, 1)).toBeCloseTo(37 / 200, 12);
    expect(passHatK(200, 37, 1)).toBeCloseTo(37 / 200, 12);
    // Chen et al.'s stable product at n = 200 (their sample count) agrees with the ratio of binomials.
    expect(passAtK(200, 10, 100)).toBeCloseTo(1 - choose(190, 100) / choose(200, 100), 10);
  });

  it('summarises over items only when every outcome is pass/fail', () => {
    expect(passKSummary({ a: [1, 1, 0], b: [0, 0, 0] }, 2)).toEqual({ passAtK: (1 + 0) / 2, passHatK: 1 / 3 / 2, items: 2 });
    expect(passKSummary({ a: [1, 0.5, 0] }, 2)).toBeNull();
  });
});

function betaDraw(rand: () => number, a: number, b: number): number {
  const x = gammaDraw(rand, a);
  const y = gammaDraw(rand, b);
  return x / (x + y);
}
function gammaDraw(rand: () => number, shape: number): number {
  if (shape < 1) return gammaDraw(rand, shape + 1) * rand() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      const u1 = rand() || 1e-12;
      x = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * rand());
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rand();
    if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}
