/**
 * The binomial distribution, exactly: log-pmf through log-gamma (Lanczos), tails by summing
 * the pmf, and the Clopper–Pearson interval by bisection on those tails. Used by the power
 * calculation and by the decision-quality benchmark (exact rates and their 95% intervals).
 */
import type { Interval } from './wilson';

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7; relative error ~1e-15). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const y = x - 1;
  let a = LANCZOS[0] as number;
  const t = y + 7.5;
  for (let i = 1; i < 9; i++) a += (LANCZOS[i] as number) / (y + i);
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(a);
}

export function logChoose(n: number, k: number): number {
  return logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
}

/** P(X = k) for X ~ Binomial(n, p). */
export function binomialPmf(k: number, n: number, p: number): number {
  if (k < 0 || k > n) return 0;
  if (p <= 0) return k === 0 ? 1 : 0;
  if (p >= 1) return k === n ? 1 : 0;
  return Math.exp(logChoose(n, k) + k * Math.log(p) + (n - k) * Math.log1p(-p));
}

/** P(X ≤ k). */
export function binomialCdf(k: number, n: number, p: number): number {
  if (k < 0) return 0;
  if (k >= n) return 1;
  let s = 0;
  for (let i = 0; i <= k; i++) s += binomialPmf(i, n, p);
  return Math.min(1, s);
}

function bisect(f: (p: number) => number, target: number): number {
  // f decreasing in p from 1 to 0.
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) > target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Clopper–Pearson ("exact") interval for x successes of n at confidence 1 − alpha. */
export function clopperPearson(x: number, n: number, alpha = 0.05): Interval {
  if (!(n > 0)) return { lo: 0, hi: 1 };
  const lo = x <= 0 ? 0 : bisect((p) => binomialCdf(x - 1, n, p), 1 - alpha / 2);
  const hi = x >= n ? 1 : bisect((p) => binomialCdf(x, n, p), alpha / 2);
  return { lo, hi };
}
