/**
 * The smallest true drop that a gate, as configured, fails with 80% probability at the sample
 * size it saw (SPEC §2.4). It is measured against the gate's own rule, not against zero:
 * - the critical observed drop d* is where the gate's interval just crosses the tolerance
 *   (`significance` fails when the lower bound clears it, `noninferiority` when the upper bound
 *   passes it), found by bisection on the interval the gate's own method would give;
 * - a true drop d is failed 80% of the time when d* lies z₀.₈ standard errors below it, the
 *   standard error read off that method's interval at d (a fixed point, a few steps).
 * 0 means the gate fails at least 80% of the time even with no drop. The benchmark prints the
 * gate's fail rate at the drop this returns.
 */
import { normalQuantile, zTwoSided } from './normal';

export type GateMode = 'strict' | 'tolerance' | 'noninferiority' | 'significance';

export const DETECTION_POWER = 0.8;

export function detectableDrop(at: (drop: number) => { lo: number; hi: number }, mode: 'noninferiority' | 'significance', tolerance: number, alpha: number): number {
  const z = zTwoSided(alpha);
  const zPower = normalQuantile(DETECTION_POWER);
  const bound = (d: number) => (mode === 'significance' ? at(d).lo : at(d).hi);
  // The bound grows with the observed drop: bisection for the critical observed drop.
  let a = -1;
  let b = 1;
  if (bound(a) > tolerance) return 0;
  if (bound(b) <= tolerance) return 1;
  for (let i = 0; i < 60; i++) {
    const m = (a + b) / 2;
    if (bound(m) > tolerance) b = m;
    else a = m;
  }
  const critical = (a + b) / 2;
  let d = critical;
  for (let i = 0; i < 6; i++) {
    const iv = at(Math.max(-1, Math.min(1, d)));
    d = critical + (zPower * (iv.hi - iv.lo)) / (2 * z);
  }
  return Math.max(0, Math.min(1, d));
}
