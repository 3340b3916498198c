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
  wilsonBoundsInto(successes, n, zTwoSided(alpha), SCRATCH, 0);
  return { lo: SCRATCH[0] as number, hi: SCRATCH[1] as number };
}

const SCRATCH = new Float64Array(2);

/**
 * The same interval at critical value z, written to out[k] (lo) and out[k + 1] (hi): no object
 * per call, for the regression gate's pass over 10,000 tasks (issue 14).
 */
export function wilsonBoundsInto(successes: number, n: number, z: number, out: Float64Array, k: number): void {
  if (!(n > 0) || !Number.isFinite(n) || !Number.isFinite(successes)) {
    out[k] = 0;
    out[k + 1] = 1;
    return;
  }
  const x = Math.min(Math.max(successes, 0), n);
  const z2 = z * z;
  const p = x / n;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  out[k] = Math.max(0, centre - half);
  out[k + 1] = Math.min(1, centre + half);
}
