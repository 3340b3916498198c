/**
 * Newcombe's hybrid score intervals for a difference of proportions, built from Wilson
 * intervals of the two sides:
 * independent samples: Newcombe (1998) Stat Med 17:873–890, method 10. (The paired version,
 * method 10 of Newcombe 1998 Stat Med 17:2635–2650, collapses when few items change: it lost to
 * Tango's interval in the decision-quality benchmark and lives there, not in the product.)
 */
import { wilsonBoundsInto, type Interval } from './wilson';
import { zTwoSided } from './normal';

/** Interval for p1 − p2 with p1 = x1/n1 and p2 = x2/n2 from independent samples. */
export function newcombeDifference(x1: number, n1: number, x2: number, n2: number, alpha = 0.05): Interval & { estimate: number } {
  newcombeInto(x1, n1, x2, n2, alpha, SCRATCH);
  return { estimate: SCRATCH[4] as number, lo: SCRATCH[5] as number, hi: SCRATCH[6] as number };
}

const SCRATCH = new Float64Array(7);

/**
 * The same interval written to out[4] (estimate), out[5] (lo), out[6] (hi), out[0..3] holding
 * the two Wilson intervals: no object per call, for the regression gate's pass over 10,000
 * tasks (issue 14). `out` needs 7 slots.
 */
export function newcombeInto(x1: number, n1: number, x2: number, n2: number, alpha: number, out: Float64Array): void {
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const z = zTwoSided(alpha);
  wilsonBoundsInto(x1, n1, z, out, 0);
  wilsonBoundsInto(x2, n2, z, out, 2);
  const d = p1 - p2;
  out[4] = d;
  out[5] = d - Math.sqrt((p1 - (out[0] as number)) ** 2 + ((out[3] as number) - p2) ** 2);
  out[6] = d + Math.sqrt(((out[1] as number) - p1) ** 2 + (p2 - (out[2] as number)) ** 2);
}
