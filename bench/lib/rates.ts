/**
 * Rates with their exact 95% Clopper–Pearson intervals, and the seeded draws the statistics
 * benchmarks share (beta-distributed cluster and item rates for an intra-cluster correlation).
 */
import { mulberry32 } from '../../src/core/stats';

/** P(X ≤ x), X ~ Binomial(n, p), by summing the pmf in log space. */
function binomCdf(x: number, n: number, p: number): number {
  if (x < 0) return 0;
  if (x >= n) return 1;
  if (p <= 0) return 1;
  if (p >= 1) return 0;
  let s = 0;
  let lc = 0;
  for (let i = 0; i <= x; i++) {
    if (i > 0) lc += Math.log(n - i + 1) - Math.log(i);
    s += Math.exp(lc + i * Math.log(p) + (n - i) * Math.log1p(-p));
  }
  return Math.min(1, s);
}

/** Exact (Clopper–Pearson) interval for x successes of n at confidence 1 − alpha. */
export function clopperPearson(x: number, n: number, alpha = 0.05): [number, number] {
  // Bisection for the p where a monotone tail probability equals alpha/2.
  const root = (f: (p: number) => number, increasing: boolean): number => {
    let a = 0;
    let b = 1;
    for (let i = 0; i < 60; i++) {
      const m = (a + b) / 2;
      if (f(m) < alpha / 2 === increasing) a = m;
      else b = m;
    }
    return (a + b) / 2;
  };
  const lo = x === 0 ? 0 : root((p) => 1 - binomCdf(x - 1, n, p), true);
  const hi = x === n ? 1 : root((p) => binomCdf(x, n, p), false);
  return [lo, hi];
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
