/**
 * Exact one-sided error rates of paired-difference intervals, by enumeration over the
 * outcome space: X baseline passes ~ Bin(n, p0), b lost ~ Bin(X, lose), c gained ~ Bin(n − X, gain).
 * At a true drop equal to the tolerance the two errors a gate can make are
 * - noninferiority passes a real drop: P(hi ≤ tol);
 * - significance fails a candidate that is only at the tolerance: P(lo > tol).
 */
import { tangoPairedDifference, type Interval } from '../../src/core/stats';
import { newcombePairedDifference } from './newcombe-paired';
import { bonettPriceDifference, exactBonferroniDifference } from './paired-candidates';
import { pmfRange } from './designs';

export type Candidate = 'Tango score' | 'Newcombe paired' | 'Bonett–Price' | 'exact (Clopper–Pearson, Bonferroni)';
export const CANDIDATES: Candidate[] = ['Tango score', 'Newcombe paired', 'Bonett–Price', 'exact (Clopper–Pearson, Bonferroni)'];

export interface CoverageRow {
  niFalsePass: number;
  sigFalseFail: number;
  meanWidth: number;
}

export function pairedCoverage(n: number, p0: number, lose: number, gain: number, tol: number, alpha: number): Record<Candidate, CoverageRow> {
  const out = Object.fromEntries(CANDIDATES.map((c) => [c, { niFalsePass: 0, sigFalseFail: 0, meanWidth: 0 }])) as Record<Candidate, CoverageRow>;
  // Intervals that depend on (b, c) only are cached; Newcombe's also reads the concordant cells.
  const cache = new Map<number, Record<Exclude<Candidate, 'Newcombe paired'>, Interval>>();
  const byBC = (b: number, c: number) => {
    const k = b * (n + 1) + c;
    let v = cache.get(k);
    if (!v) {
      v = {
        'Tango score': tangoPairedDifference(b, c, n, alpha),
        'Bonett–Price': bonettPriceDifference(b, c, n, alpha),
        'exact (Clopper–Pearson, Bonferroni)': exactBonferroniDifference(b, c, n, alpha),
      };
      cache.set(k, v);
    }
    return v;
  };
  const add = (row: CoverageRow, iv: Interval, p: number) => {
    if (iv.hi <= tol + 1e-9) row.niFalsePass += p;
    if (iv.lo > tol + 1e-9) row.sigFalseFail += p;
    row.meanWidth += p * (iv.hi - iv.lo);
  };
  const X = pmfRange(n, p0);
  X.pmf.forEach((px, i) => {
    const x = X.k0 + i;
    const B = pmfRange(x, lose);
    const C = pmfRange(n - x, gain);
    B.pmf.forEach((pb, j) => {
      const b = B.k0 + j;
      C.pmf.forEach((pc, l) => {
        const c = C.k0 + l;
        const p = px * pb * pc;
        if (p < 1e-18) return;
        const ivs = byBC(b, c);
        add(out['Tango score'], ivs['Tango score'], p);
        add(out['Bonett–Price'], ivs['Bonett–Price'], p);
        add(out['exact (Clopper–Pearson, Bonferroni)'], ivs['exact (Clopper–Pearson, Bonferroni)'], p);
        add(out['Newcombe paired'], newcombePairedDifference({ both: x - b, onlyFirst: b, onlySecond: c, neither: n - x - c }, alpha), p);
      });
    });
  });
  return out;
}
