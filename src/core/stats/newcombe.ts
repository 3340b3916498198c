/**
 * Newcombe's hybrid score intervals for a difference of proportions, built from Wilson
 * intervals of the two sides:
 * independent samples: Newcombe (1998) Stat Med 17:873–890, method 10. (The paired version,
 * method 10 of Newcombe 1998 Stat Med 17:2635–2650, collapses when few items change: it lost to
 * Tango's interval in the decision-quality benchmark and lives there, not in the product.)
 */
import { wilsonInterval, type Interval } from './wilson';

/** Interval for p1 − p2 with p1 = x1/n1 and p2 = x2/n2 from independent samples. */
export function newcombeDifference(x1: number, n1: number, x2: number, n2: number, alpha = 0.05): Interval & { estimate: number } {
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const w1 = wilsonInterval(x1, n1, alpha);
  const w2 = wilsonInterval(x2, n2, alpha);
  const d = p1 - p2;
  return {
    estimate: d,
    lo: d - Math.sqrt((p1 - w1.lo) ** 2 + (w2.hi - p2) ** 2),
    hi: d + Math.sqrt((w1.hi - p1) ** 2 + (p2 - w2.lo) ** 2),
  };
}
