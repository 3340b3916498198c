/**
 * Building blocks of the sample-size planner: binomial probabilities over the range that
 * matters, the normal-approximation size for a one-sided test of a drop against a tolerance
 * (the starting guess), and the search for the smallest n whose exact power reaches a target.
 */
import { normalCdf, normalQuantile } from './normal';

function logFactorial(n: number): number {
  // Stirling series beyond the table; exact sums below 256.
  if (n < 256) {
    let s = 0;
    for (let i = 2; i <= n; i++) s += Math.log(i);
    return s;
  }
  const x = n + 1;
  return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x ** 3);
}

/** P(X = x) for X ~ Binomial(n, p), for every x whose probability is above `floor` (the rest is < 1e-12 in total). */
export function binomialSupport(n: number, p: number, floor = 1e-13): Array<[number, number]> {
  if (p <= 0) return [[0, 1]];
  if (p >= 1) return [[n, 1]];
  const lf = logFactorial(n);
  const lp = Math.log(p);
  const lq = Math.log1p(-p);
  const mode = Math.floor((n + 1) * p);
  const out: Array<[number, number]> = [];
  const pmf = (x: number): number => Math.exp(lf - logFactorial(x) - logFactorial(n - x) + x * lp + (n - x) * lq);
  let x = mode;
  while (x > 0 && pmf(x - 1) > floor) x--;
  for (; x <= n; x++) {
    const v = pmf(x);
    if (v < floor && x > mode) break;
    out.push([x, v]);
  }
  return out;
}

/**
 * Items per side for a one-sided level-a test (a = alpha/2 for the gate's two-sided interval)
 * to tell a true difference `effect` from the margin with the given power, when one item's
 * contribution to the difference has variance `unitVariance`: n = (z₁₋ₐ + z_power)²·V / gap².
 */
export function normalSampleSize(unitVariance: number, gap: number, alpha: number, power: number): number {
  if (!(gap > 0)) return Infinity;
  const z = normalQuantile(1 - alpha / 2) + normalQuantile(power);
  return Math.ceil((z * z * unitVariance) / (gap * gap));
}

/** The normal approximation's power at n (the inverse of normalSampleSize). */
export function normalPower(unitVariance: number, gap: number, alpha: number, n: number): number {
  if (!(n > 0)) return 0;
  return normalCdf(gap / Math.sqrt(unitVariance / n) - normalQuantile(1 - alpha / 2));
}

/**
 * The smallest n in [lo, hi] with powerAt(n) ≥ target, by bisection (power rises with n up
 * to the saw-tooth of discrete outcomes; the answer is the first n of the bisection's bracket).
 * Null when even hi does not reach the target.
 */
export function smallestN(powerAt: (n: number) => number, target: number, lo: number, hi: number): { n: number; power: number } | null {
  let hiPower = powerAt(hi);
  if (hiPower < target) return null;
  let a = Math.max(1, lo);
  let aPower = powerAt(a);
  if (aPower >= target) return { n: a, power: aPower };
  let b = hi;
  while (b - a > 1) {
    const mid = Math.floor((a + b) / 2);
    const p = powerAt(mid);
    if (p >= target) {
      b = mid;
      hiPower = p;
    } else {
      a = mid;
      aPower = p;
    }
  }
  return { n: b, power: hiPower };
}
