/**
 * Newcombe's paired hybrid score interval (Newcombe 1998, Stat Med 17:2635–2650, method 10):
 * the gate's paired interval until the decision-quality benchmark measured its coverage with
 * few discordant items. Kept here, out of the product, so the benchmark can show why.
 */
import { wilsonInterval, type Interval } from '../../src/core/stats';

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
    // Newcombe's correction: A = ad − bc − n/2 when ad − bc > n/2, 0 when it lies in [0, n/2].
    // (The product's copy omitted it: −0.1174 instead of the published −0.1186 for Cavo et al.)
    const raw = a * d - b * c;
    const num = raw > n / 2 ? raw - n / 2 : raw >= 0 ? 0 : raw;
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
