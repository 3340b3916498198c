/**
 * The designs of the decision-quality benchmark, as data a gate reads: independent samples
 * (n and successes on each side) and paired per-item outcomes, with gains (the candidate also
 * gains a few items) or pure loss (it gains none). A true drop d means: independent — the
 * candidate's pass rate is p0 − d; paired — each baseline pass is lost with probability
 * (d + g)/p0 and each baseline fail gained with probability g/(1 − p0), g the gained share.
 */
import type { Metric } from '../../src/core/metric';
import { binomialPmf, clopperPearson } from '../../src/core/stats';

export type Design = 'independent' | 'paired with gains' | 'paired pure loss';
export const DESIGNS: Design[] = ['independent', 'paired with gains', 'paired pure loss'];

/** The share of items a "paired with gains" candidate gains: half the tolerance. */
export const gainedShare = (tol: number): number => tol / 2;

/** Null when the design cannot have this drop at this baseline (a rate below 0 or above 1). */
export function probabilities(design: Design, p0: number, drop: number, tol: number): { lose: number; gain: number; pc: number } | null {
  if (design === 'independent') return p0 - drop >= -1e-12 && p0 - drop <= 1 ? { lose: 0, gain: 0, pc: Math.max(0, p0 - drop) } : null;
  const g = design === 'paired pure loss' ? 0 : gainedShare(tol);
  const lostShare = drop + g;
  if (lostShare > p0 + 1e-12 || g > 1 - p0 + 1e-12) return null;
  return { lose: Math.min(1, lostShare / p0), gain: g === 0 ? 0 : g / (1 - p0), pc: p0 - drop };
}

export function binomialDraw(rand: () => number, n: number, p: number): number {
  let x = 0;
  for (let i = 0; i < n; i++) if (rand() < p) x++;
  return x;
}

/** Binomial pmf over 0..n, with the negligible tails (< 1e-15 each term) cut: [k0, probabilities]. */
export function pmfRange(n: number, p: number): { k0: number; pmf: number[] } {
  const all = Array.from({ length: n + 1 }, (_, k) => binomialPmf(k, n, p));
  let lo = 0;
  let hi = n;
  while (lo < hi && (all[lo] as number) < 1e-15) lo++;
  while (hi > lo && (all[hi] as number) < 1e-15) hi--;
  return { k0: lo, pmf: all.slice(lo, hi + 1) };
}

/** Side metrics for the gate. Paired item maps are reused across draws (the gate reads them synchronously). */
export class PairedItems {
  readonly ids: string[];
  readonly b: Record<string, number> = {};
  readonly c: Record<string, number> = {};
  constructor(readonly n: number) {
    this.ids = Array.from({ length: n }, (_, i) => `q${i}`);
  }
  /** Fill from counts: first `both` pass on both, then `lost`, `gained`, the rest fail on both. */
  fill(both: number, lost: number, gained: number): [Metric, Metric] {
    let i = 0;
    for (const id of this.ids) {
      const [x, y] = i < both ? [1, 1] : i < both + lost ? [1, 0] : i < both + lost + gained ? [0, 1] : [0, 0];
      this.b[id] = x;
      this.c[id] = y;
      i++;
    }
    return this.metrics(both + lost, both + gained);
  }
  draw(rand: () => number, p0: number, lose: number, gain: number): [Metric, Metric] {
    let xb = 0;
    let xc = 0;
    for (const id of this.ids) {
      const x = rand() < p0 ? 1 : 0;
      const y = x === 1 ? (rand() < lose ? 0 : 1) : rand() < gain ? 1 : 0;
      this.b[id] = x;
      this.c[id] = y;
      xb += x;
      xc += y;
    }
    return this.metrics(xb, xc);
  }
  private metrics(xb: number, xc: number): [Metric, Metric] {
    const n = this.n;
    return [
      { name: 'acc', value: xb / n, n, successes: xb, items: this.b, scale: 1, higherIsBetter: true },
      { name: 'acc', value: xc / n, n, successes: xc, items: this.c, scale: 1, higherIsBetter: true },
    ];
  }
}

export function independent(xb: number, xc: number, n: number): [Metric, Metric] {
  return [
    { name: 'acc', value: xb / n, n, successes: xb, scale: 1, higherIsBetter: true },
    { name: 'acc', value: xc / n, n, successes: xc, scale: 1, higherIsBetter: true },
  ];
}

/** A rate for the tables: exact, or k of n draws with its 95% Clopper–Pearson interval. */
export interface Rate {
  rate: number;
  lo: number;
  hi: number;
  exact: boolean;
}

export function seededRate(k: number, n: number): Rate {
  const iv = clopperPearson(k, n);
  return { rate: k / n, lo: iv.lo, hi: iv.hi, exact: false };
}

export function exactRate(p: number): Rate {
  return { rate: p, lo: p, hi: p, exact: true };
}

export function showRate(r: Rate): string {
  const pct = (x: number) => (100 * x).toFixed(1);
  return r.exact ? `${pct(r.rate)}% (exact)` : `${pct(r.rate)}% [${pct(r.lo)}, ${pct(r.hi)}]`;
}

/** The contract is broken only when the whole interval lies above alpha (an exact rate: the rate itself). */
export function above(r: Rate, alpha: number): boolean {
  return r.exact ? r.rate > alpha + 1e-12 : r.lo > alpha;
}
