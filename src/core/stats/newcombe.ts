/**
 * Newcombe's hybrid score intervals for a difference of proportions, built from Wilson
 * intervals of the two sides:
 * - independent samples: Newcombe (1998) Stat Med 17:873–890, method 10;
 * - paired samples: Newcombe (1998) Stat Med 17:2635–2650, method 10.
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

/**
 * Paired 2×2 table: `both` pass on both sides, `onlyFirst` pass on side 1 only, `onlySecond`
 * pass on side 2 only, `neither`. Interval for p1 − p2 = (onlyFirst − onlySecond)/n.
 */
export interface PairedTable {
  both: number;
  onlyFirst: number;
  onlySecond: number;
  neither: number;
}

export function newcombePairedDifference(t: PairedTable, alpha = 0.05): Interval & { estimate: number } {
  const { both: a, onlyFirst: b, onlySecond: c, neither: d } = t;
  const n = a + b + c + d;
  if (n === 0) return { estimate: 0, lo: -1, hi: 1 };
  const x1 = a + b;
  const x2 = a + c;
  const p1 = x1 / n;
  const p2 = x2 / n;
  const w1 = wilsonInterval(x1, n, alpha);
  const w2 = wilsonInterval(x2, n, alpha);
  const margins = (a + b) * (c + d) * (a + c) * (b + d);
  let phi = 0;
  if (margins > 0) {
    const num = a * d - b * c;
    phi = num / Math.sqrt(margins);
  }
  const dl1 = p1 - w1.lo;
  const du1 = w1.hi - p1;
  const dl2 = p2 - w2.lo;
  const du2 = w2.hi - p2;
  const est = p1 - p2;
  return {
    estimate: est,
    lo: Math.max(-1, est - Math.sqrt(Math.max(0, dl1 * dl1 - 2 * phi * dl1 * du2 + du2 * du2))),
    hi: Math.min(1, est + Math.sqrt(Math.max(0, du1 * du1 - 2 * phi * du1 * dl2 + dl2 * dl2))),
  };
}
