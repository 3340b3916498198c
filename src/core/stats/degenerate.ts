/**
 * Evidence with no spread in it. Inspect writes `stderr: 0.0` for 0 of 1 and for 3 of 3 correct
 * (its own test logs do); a score whose items are all tied has a sample standard deviation of 0.
 * Neither is evidence of certainty: a normal interval of half-width 1.96 × 0 would claim the true
 * value is known exactly, and a gate reading it would call any verdict settled. So a standard
 * error counts as uncertainty only when it is above 0, and a bounded metric sitting at its bound
 * (0 or its scale) with n items is the count it must be — 0 of n or n of n — whose Wilson or
 * Clopper–Pearson interval comes from n alone.
 */
import { tangoPairedDifference } from './tango';

/** A standard error that carries information: finite and above 0; undefined otherwise. */
export function informativeStderr(se: number | undefined | null): number | undefined {
  return typeof se === 'number' && Number.isFinite(se) && se > 0 ? se : undefined;
}

/**
 * The successes a metric bounded in [0, scale] must have when it sits at a bound: every one of
 * its n items is at that bound (a mean of values in [0, scale] equals 0 or scale only so), so it
 * is 0 of n or n of n. Undefined when n is not a positive integer or the value is inside the range.
 */
export function countAtBound(value: number, scale: number | undefined, n: number | undefined): { x: number; n: number } | undefined {
  if (scale === undefined || !(scale > 0) || n === undefined || !Number.isInteger(n) || n <= 0) return undefined;
  const tol = 1e-9 * scale;
  if (Math.abs(value) <= tol) return { x: 0, n };
  if (Math.abs(value - scale) <= tol) return { x: n, n };
  return undefined;
}

/** Why a metric's stderr of 0 gives it no interval, in words a card reader understands. */
export function zeroStderrReason(n: number | undefined): string {
  if (n === 1) return 'stderr 0 from a single item (no spread to measure)';
  if (n !== undefined && n > 1) return `stderr 0 (all ${n} items tied: a zero-width interval would claim certainty)`;
  return 'stderr 0 and no n (a zero-width interval would claim certainty)';
}

/**
 * How far a mean of n paired differences bounded in [−1, 1] can still be from what was seen
 * when all n were equal (a bootstrap of them collapses to a point): the half-width of Tango's
 * interval for 0 items moved of n, the interval pass/fail items would get. Conservative for
 * scores, since a difference in [−1, 1] varies at most as much as a ±1 move does.
 */
export function noSpreadReach(n: number, alpha = 0.05): number {
  return n > 0 ? tangoPairedDifference(0, 0, n, alpha).hi : 1;
}
