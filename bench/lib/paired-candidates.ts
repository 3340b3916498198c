/**
 * Paired-difference intervals the decision-quality benchmark compares with Tango's (the one
 * the product uses). They are here, not in src/, because they lost on measured coverage.
 * - Bonett & Price (2012), adjusted Wald: one pseudo-observation added to each discordant
 *   cell, p̃ᵢⱼ = (nᵢⱼ + 1)/(n + 2) (Fagerland et al. 2014, "Wald with Bonett–Price adjustment").
 * - An exact bound: Clopper–Pearson limits for each discordant cell at alpha/4 (Bonferroni),
 *   Δ ∈ [L₁₂ − U₂₁, U₁₂ − L₂₁]: coverage at least 1 − alpha by construction, at a price in width.
 */
import { clopperPearson, zTwoSided, type Interval } from '../../src/core/stats';

export function bonettPriceDifference(b: number, c: number, n: number, alpha = 0.05): Interval & { estimate: number } {
  const z = zTwoSided(alpha);
  const p12 = (b + 1) / (n + 2);
  const p21 = (c + 1) / (n + 2);
  const d = p12 - p21;
  const se = Math.sqrt((p12 + p21 - d * d) / (n + 2));
  return { estimate: (b - c) / n, lo: Math.max(-1, d - z * se), hi: Math.min(1, d + z * se) };
}

export function exactBonferroniDifference(b: number, c: number, n: number, alpha = 0.05): Interval & { estimate: number } {
  const x = clopperPearson(b, n, alpha / 2);
  const y = clopperPearson(c, n, alpha / 2);
  return { estimate: (b - c) / n, lo: Math.max(-1, x.lo - y.hi), hi: Math.min(1, x.hi - y.lo) };
}
