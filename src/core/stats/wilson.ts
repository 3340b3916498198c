/** Wilson score interval for a single proportion (Wilson 1927; Newcombe 1998a, method 3). */
import { zTwoSided } from './normal';

export interface Interval {
  lo: number;
  hi: number;
}

/**
 * Interval for successes/n at confidence 1 − alpha. Successes may be fractional (expected
 * counts, as the power calculation uses). n = 0 gives the uninformative [0, 1].
 */
export function wilsonInterval(successes: number, n: number, alpha = 0.05): Interval {
  if (!(n > 0) || !Number.isFinite(n) || !Number.isFinite(successes)) return { lo: 0, hi: 1 };
  const x = Math.min(Math.max(successes, 0), n);
  const z = zTwoSided(alpha);
  const z2 = z * z;
  const p = x / n;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return { lo: Math.max(0, centre - half), hi: Math.min(1, centre + half) };
}
