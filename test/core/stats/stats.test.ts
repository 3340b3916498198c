import { describe, expect, it } from 'vitest';
import {
  clopperPearson,
  detectableDrop,
  mcnemarExact,
  newcombeDifference,
  normalCdf,
  tangoPairedDifference,
  normalDifference,
  normalQuantile,
  pairedBootstrap,
  wilsonInterval,
} from '../../../src/core/stats';
import { newcombePairedDifference } from '../../../bench/lib/newcombe-paired';
import { bonettPriceDifference } from '../../../bench/lib/paired-candidates';

const r4 = (x: number) => Math.round(x * 1e4) / 1e4;

describe('normal distribution', () => {
  it('gives the textbook critical values', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 12);
    expect(normalQuantile(0.995)).toBeCloseTo(2.5758293035489004, 12);
    expect(normalQuantile(0.05)).toBeCloseTo(-1.6448536269514729, 12);
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021048517795, 12);
    expect(normalCdf(-8)).toBeCloseTo(6.22096057427178e-16, 25);
  });
});

describe('Wilson score interval', () => {
  // Newcombe RG (1998a). Two-sided confidence intervals for the single proportion: comparison
  // of seven methods. Statistics in Medicine 17:857–872, Table I, method 3 (score, no CC).
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('%i/%i → %f to %f (Newcombe 1998a)', (x, n, lo, hi) => {
    const iv = wilsonInterval(x, n);
    expect(r4(iv.lo)).toBe(lo);
    expect(r4(iv.hi)).toBe(hi);
  });

  it('shows why n = 25 cannot see small drops: 10/25 carries about ±19 points', () => {
    const iv = wilsonInterval(10, 25);
    expect(r4(iv.lo)).toBe(0.234);
    expect(r4(iv.hi)).toBe(0.5926);
  });
});

describe('Newcombe interval for a difference of independent proportions', () => {
  // Newcombe RG (1998b). Interval estimation for the difference between independent
  // proportions: comparison of eleven methods. Statistics in Medicine 17:873–890, Table II,
  // method 10 (hybrid score, no CC), examples (a)–(h).
  it.each([
    [56, 70, 48, 80, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.1705, 0.809],
    [6, 7, 2, 7, 0.0582, 0.8062],
    [5, 56, 0, 29, -0.0381, 0.1926],
    [0, 10, 0, 20, -0.1611, 0.2775],
    [0, 10, 0, 10, -0.2775, 0.2775],
    [10, 10, 0, 20, 0.6791, 1],
    [10, 10, 0, 10, 0.6075, 1],
  ])('%i/%i − %i/%i → %f to %f (Newcombe 1998b)', (x1, n1, x2, n2, lo, hi) => {
    const iv = newcombeDifference(x1, n1, x2, n2);
    expect(r4(iv.lo)).toBe(lo);
    expect(r4(iv.hi)).toBe(hi);
  });
});

describe('exact McNemar test', () => {
  // Fagerland MW, Lydersen S, Laake P (2013). The McNemar test for binary matched-pairs data:
  // mid-p and asymptotic are better than exact conditional. BMC Med Res Methodol 13:91 —
  // the airway hyper-responsiveness example (1 and 7 discordant pairs): exact p = 0.070.
  it('gives p = 0.070 for 1 vs 7 discordant pairs (Fagerland et al. 2013)', () => {
    expect(mcnemarExact(1, 7)).toBeCloseTo(0.0703125, 10); // 2·(1 + 8)/2⁸
    expect(mcnemarExact(7, 1)).toBeCloseTo(0.0703125, 10);
  });
  it('is 1 with no discordant pairs and stays finite for large counts', () => {
    expect(mcnemarExact(0, 0)).toBe(1);
    expect(mcnemarExact(5, 5)).toBe(1);
    const p = mcnemarExact(5000, 5300);
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(0.05);
  });
});

describe('Newcombe paired interval', () => {
  it('reduces to the independent interval when the pairs are uncorrelated (phi = 0)', () => {
    // a·d = b·c gives phi = 0: the paired formula is then the independent one on the margins.
    const t = { both: 20, onlyFirst: 20, onlySecond: 30, neither: 30 };
    const paired = newcombePairedDifference(t);
    const indep = newcombeDifference(40, 100, 50, 100);
    expect(paired.lo).toBeCloseTo(indep.lo, 12);
    expect(paired.hi).toBeCloseTo(indep.hi, 12);
  });
  it('is narrower than the independent interval when outcomes are positively correlated', () => {
    const t = { both: 60, onlyFirst: 8, onlySecond: 2, neither: 30 };
    const paired = newcombePairedDifference(t);
    const indep = newcombeDifference(68, 100, 62, 100);
    expect(paired.estimate).toBeCloseTo(0.06, 12);
    expect(paired.hi - paired.lo).toBeLessThan(indep.hi - indep.lo);
    expect(paired.lo).toBeLessThan(0.06);
    expect(paired.hi).toBeGreaterThan(0.06);
  });
});

describe('paired bootstrap', () => {
  it('is reproducible with a seed and close to the normal interval for many items', () => {
    const diffs = Array.from({ length: 2000 }, (_, i) => ((i * 7919) % 13) / 13 - 0.4);
    const a = pairedBootstrap(diffs, { seed: 42, resamples: 2000 });
    const b = pairedBootstrap(diffs, { seed: 42, resamples: 2000 });
    expect(a).toEqual(b);
    const mean = diffs.reduce((s, x) => s + x, 0) / diffs.length;
    const sd = Math.sqrt(diffs.reduce((s, x) => s + (x - mean) ** 2, 0) / (diffs.length - 1));
    const normal = normalDifference(mean, sd / Math.sqrt(diffs.length), 0, 0);
    expect(a.lo).toBeCloseTo(normal.lo, 2);
    expect(a.hi).toBeCloseTo(normal.hi, 2);
    expect(pairedBootstrap(diffs, { seed: 43, resamples: 2000 })).not.toEqual(a);
  });
});

describe('Tango score interval for paired proportions', () => {
  // Fagerland MW, Lydersen S, Laake P (2014). Recommended tests and confidence intervals for
  // paired binomial proportions. Stat Med 33:2850–2875, and their book (Statistical Analysis of
  // Contingency Tables, 2017, ch. 8), whose R package contingencytables checks these figures:
  // complete response before/after consolidation therapy (Cavo et al. 2012), [[59, 6], [16, 80]].
  it('gives −0.0621 (−0.1240 to −0.0054) for Cavo et al. (Fagerland et al.)', () => {
    const iv = tangoPairedDifference(6, 16, 161);
    expect(r4(iv.estimate)).toBe(-0.0621);
    expect(r4(iv.lo)).toBe(-0.124);
    expect(r4(iv.hi)).toBe(-0.0054);
  });
  // Airway hyper-responsiveness before/after stem cell transplantation (Bentur et al. 2009),
  // [[1, 1], [7, 12]]: the worked example of Fagerland et al. 2014.
  it('gives −0.2857 (−0.5172 to −0.0260) for Bentur et al. (Fagerland et al. 2014)', () => {
    const iv = tangoPairedDifference(1, 7, 21);
    expect(r4(iv.estimate)).toBe(-0.2857);
    expect(r4(iv.lo)).toBe(-0.5172);
    expect(r4(iv.hi)).toBe(-0.026);
  });
  it('stays open with no or one discordant item, where the exact bound is', () => {
    // 1 loss of 100: the exact (Clopper–Pearson) 97.5% upper bound on a loss rate of 1/100 is 0.0545.
    const one = tangoPairedDifference(1, 0, 100);
    expect(one.hi).toBeGreaterThan(0.05);
    expect(one.hi).toBeCloseTo(clopperPearson(1, 100).hi, 2);
    // Nothing changed at n = 25: the data cannot rule out a drop of 0.05.
    const none = tangoPairedDifference(0, 0, 25);
    expect(none.hi).toBeGreaterThan(0.1);
    expect(none.lo).toBeCloseTo(-none.hi, 12);
  });
});

describe('the paired intervals that lost (benchmark only), checked against the same published example', () => {
  // Cavo et al. in Fagerland et al.'s package tests: Newcombe square-and-add −0.1186 to −0.0046,
  // Bonett–Price adjusted Wald −0.1195 to −0.0032.
  it('reproduces Newcombe and Bonett–Price for Cavo et al.', () => {
    const nw = newcombePairedDifference({ both: 59, onlyFirst: 6, onlySecond: 16, neither: 80 });
    expect([r4(nw.lo), r4(nw.hi)]).toEqual([-0.1186, -0.0046]);
    const bp = bonettPriceDifference(6, 16, 161);
    expect([r4(bp.lo), r4(bp.hi)]).toEqual([-0.1195, -0.0032]);
  });
});

describe('Clopper–Pearson interval', () => {
  // Fagerland et al.'s package tests (ch. 8): 13/16 → 0.5435 to 0.9595; 10/10 → 0.6915 to 1; 0/10 → 0 to 0.3085.
  it.each([
    [13, 16, 0.5435, 0.9595],
    [10, 10, 0.6915, 1],
    [0, 10, 0, 0.3085],
  ])('%i/%i → %f to %f', (x, n, lo, hi) => {
    const iv = clopperPearson(x, n);
    expect(r4(iv.lo)).toBe(lo);
    expect(r4(iv.hi)).toBe(hi);
  });
});

describe('smallest detectable drop', () => {
  it('is measured against the gate\'s own rule, not against zero', () => {
    // A symmetric interval of half-width 0.0635 around any observed drop (a normal interval):
    // significance fails once the observed drop passes 0.05 + 0.0635, so what it fails 80% of the
    // time is that plus 0.84 standard errors; noninferiority fails once it passes 0.05 − 0.0635.
    const half = 0.0635;
    const se = half / 1.959963984540054;
    const at = (d: number) => ({ lo: d - half, hi: d + half });
    expect(detectableDrop(at, 'significance', 0.05, 0.05)).toBeCloseTo(0.05 + half + 0.841621 * se, 5);
    expect(detectableDrop(at, 'noninferiority', 0.05, 0.05)).toBeCloseTo(0.05 - half + 0.841621 * se, 5);
    expect(detectableDrop((d) => ({ lo: d - 0.2, hi: d + 0.2 }), 'noninferiority', 0.05, 0.05)).toBe(0);
  });
});
