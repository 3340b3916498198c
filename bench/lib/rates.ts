/**
 * Rates with their exact 95% Clopper–Pearson intervals, and the seeded draws the statistics
 * benchmarks share (beta-distributed cluster and item rates for an intra-cluster correlation).
 */
import { clopperPearson as coreClopperPearson, mulberry32 } from '../../src/core/stats';

/** Exact (Clopper–Pearson) interval for x successes of n, as a pair (the core's, shared with the decision-quality bench). */
export function clopperPearson(x: number, n: number, alpha = 0.05): [number, number] {
  const iv = coreClopperPearson(x, n, alpha);
  return [iv.lo, iv.hi];
}

export function fmtRate(x: number, n: number): string {
  const [lo, hi] = clopperPearson(x, n);
  return `${((100 * x) / n).toFixed(1)}% [${(100 * lo).toFixed(1)}, ${(100 * hi).toFixed(1)}]`;
}

export type Rand = () => number;
export const seeded = mulberry32;

function gamma(rand: Rand, shape: number): number {
  if (shape < 1) return gamma(rand, shape + 1) * rand() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = Math.sqrt(-2 * Math.log(rand() || 1e-12)) * Math.cos(2 * Math.PI * rand());
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rand();
    if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** A rate from Beta with mean `mean` and intra-cluster correlation `icc` (= 1/(a+b+1)). */
export function betaRate(rand: Rand, mean: number, icc: number): number {
  const s = 1 / icc - 1;
  const x = gamma(rand, mean * s);
  const y = gamma(rand, (1 - mean) * s);
  return x / (x + y);
}
