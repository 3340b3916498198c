/** Normal (Wald) interval for a difference of two estimates with known standard errors. */
import { zTwoSided } from './normal';
import type { Interval } from './wilson';

export function normalDifference(est1: number, se1: number, est2: number, se2: number, alpha = 0.05): Interval & { estimate: number; stderr: number } {
  const d = est1 - est2;
  const se = Math.sqrt(se1 * se1 + se2 * se2);
  const z = zTwoSided(alpha);
  return { estimate: d, stderr: se, lo: d - z * se, hi: d + z * se };
}

/** Standard error recovered from a symmetric 95% interval. */
export function stderrFromCi95(lo: number, hi: number): number {
  return (hi - lo) / (2 * zTwoSided(0.05));
}
