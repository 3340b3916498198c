/**
 * The smallest true drop that a gate, as configured, fails with 80% probability at the sample
 * size it saw (SPEC §2.4). It is measured against the gate's own rule, not against zero: a
 * `significance` gate fails only when the lower bound clears the tolerance, so what it can see
 * is the tolerance plus (z₁₋α/₂ + z₀.₈) standard errors; a `noninferiority` gate fails when the
 * upper bound passes the tolerance, so it fails 80% of the time already at the tolerance minus
 * (z₁₋α/₂ − z₀.₈) standard errors (0 when even no drop fails that often). The standard error
 * is read off the side of the interval the rule looks at (normal approximation; the benchmark
 * prints the fail rate at the drop this returns).
 */
import { normalQuantile, zTwoSided } from './normal';

export type GateMode = 'strict' | 'tolerance' | 'noninferiority' | 'significance';

export const DETECTION_POWER = 0.8;

export function detectableDrop(iv: { estimate: number; lo: number; hi: number }, mode: GateMode, tolerance: number, alpha: number): number {
  const z = zTwoSided(alpha);
  const zPower = normalQuantile(DETECTION_POWER);
  const seLo = Math.max(0, iv.estimate - iv.lo) / z;
  const seHi = Math.max(0, iv.hi - iv.estimate) / z;
  const se = (seLo + seHi) / 2;
  switch (mode) {
    case 'significance':
      return tolerance + (z + zPower) * seLo;
    case 'noninferiority':
      return Math.max(0, tolerance - (z - zPower) * seHi);
    case 'tolerance':
      return tolerance + zPower * se;
    case 'strict':
      return zPower * se;
  }
}
