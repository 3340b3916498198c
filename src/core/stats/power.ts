/**
 * The smallest drop a gate could detect at its sample size: the drop at which the lower
 * bound of the interval of the drop would just clear zero. For two independent proportions
 * it is found by bisection on Newcombe's interval at the baseline rate; otherwise it is the
 * interval's half-width (exact for the symmetric normal interval).
 */
import { newcombeDifference } from './newcombe';
import type { Interval } from './wilson';

export function minimumDetectableDrop(
  interval: Interval,
  proportions?: { baselineRate: number; baselineN: number; candidateN: number; alpha: number },
): number {
  const half = (interval.hi - interval.lo) / 2;
  if (!proportions) return half;
  const { baselineRate: p, baselineN: nb, candidateN: nc, alpha } = proportions;
  if (!(nb > 0 && nc > 0) || !(p > 0)) return half;
  const lowerAt = (drop: number): number => newcombeDifference(p * nb, nb, Math.max(0, p - drop) * nc, nc, alpha).lo;
  if (lowerAt(p) <= 0) return p; // not even a drop to zero would show
  // The lower bound is drop − r(drop), with r (the combined Wilson margins) varying slowly:
  // the fixed point drop = r(drop) converges in a few steps. Bisection is the fallback.
  let d = half > 0 && half < p ? half : p / 2;
  for (let i = 0; i < 40; i++) {
    const next = d - lowerAt(d);
    if (!(next >= 0 && next <= p)) break;
    if (Math.abs(next - d) < 1e-12) return next;
    d = next;
  }
  let lo = 0;
  let hi = p;
  for (let i = 0; i < 50; i++) {
    const mid = (lo + hi) / 2;
    if (lowerAt(mid) > 0) hi = mid;
    else lo = mid;
  }
  return hi;
}
