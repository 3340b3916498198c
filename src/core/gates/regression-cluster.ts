/**
 * `cluster_by: FIELD` on a regression gate: items that share a FIELD value (a passage, a
 * conversation, a category) move together, so the interval of the drop is built from clusters,
 * not items. Paired sides (the same items on both): a seeded cluster bootstrap of the per-item
 * differences. Independent sides: each side's CR1 clustered standard error, then a normal
 * interval. The note gives the design effect, i.e. how many times too narrow the naive interval
 * would have been.
 */
import type { Metric } from '../metric';
import { clusterBootstrap, clusterBootstrapSums, clusterSums, clusteredMean, noSpreadReach, normalDifference, zTwoSided } from '../stats';
import type { DropInterval } from './regression-stats';

const FEW_CLUSTERS = 10;

type Valued = Metric & { value: number };

function sameKeys(a: Record<string, number>, b: Record<string, number>): string[] | null {
  const keys = Object.keys(a);
  if (keys.length === 0 || keys.length !== Object.keys(b).length) return null;
  for (const k of keys) if (!(k in b)) return null;
  return keys;
}

function clusterKeys(field: string, ids: readonly string[], ...sides: Metric[]): { keys: string[] } | { problem: string } {
  const keys: string[] = [];
  const missing: string[] = [];
  for (const id of ids) {
    const v = sides.map((m) => m.itemFields?.[field]?.[id]).find((x) => x !== undefined);
    if (v === undefined) missing.push(id);
    else keys.push(v);
  }
  if (missing.length === 0) return { keys };
  const known = [...new Set(sides.flatMap((m) => Object.keys(m.itemFields ?? {})))].sort();
  const shown = missing.slice(0, 3).join(', ');
  return {
    problem: `cluster_by ${field}: ${missing.length} of ${ids.length} items carry no ${field} (${shown}${missing.length > 3 ? ', …' : ''}); item fields present: ${known.length ? known.join(', ') : 'none'}`,
  };
}

function deffWords(field: string, n: number, g: number, deff: number, tied = false): string {
  const worth = Math.max(1, Math.round(n / Math.max(deff, 1e-9)));
  // Measured in bench/statistics.bench.ts: with 8 clusters a true drop of the noted smallest detectable size fails about 75% of the time, not 80%.
  const few = g < FEW_CLUSTERS ? `; only ${g} clusters, so the clustered interval is itself rough (a smallest detectable drop here is optimistic: at 8 clusters it fails about 75% of the time, not 80%)` : '';
  if (tied) return `${n} items in ${g} ${field} clusters, all tied (spread from the ${g} clusters alone)${few}`;
  return `${n} items in ${g} ${field} clusters, design effect ${deff.toFixed(2)} (worth about ${worth} independent items)${few}`;
}

/** The clustered interval of the drop, or a problem saying why it cannot be built. */
export function clusteredDropInterval(
  b: Valued,
  c: Valued,
  scale: number,
  sign: 1 | -1,
  alpha: number,
  bootstrap: { resamples: number; seed: number },
  field: string,
): DropInterval | { problem: string } {
  const conf = `${Math.round((1 - alpha) * 1000) / 10}%`;
  const paired = b.items && c.items ? sameKeys(b.items, c.items) : null;
  if (paired) {
    const ck = clusterKeys(field, paired, c, b);
    if ('problem' in ck) return ck;
    let itemScale = 1;
    for (const k of paired) {
      const x = b.items![k] as number;
      const y = c.items![k] as number;
      if (!Number.isFinite(x) || !Number.isFinite(y)) return { problem: `item ${k} has a score that is not a finite number` };
      if (Math.abs(x) > 1 || Math.abs(y) > 1) itemScale = scale;
    }
    const diffs = paired.map((k) => (sign * ((b.items![k] as number) - (c.items![k] as number))) / itemScale);
    const boot = clusterBootstrap(diffs, ck.keys, { alpha, resamples: bootstrap.resamples, seed: bootstrap.seed });
    // All differences equal: the bootstrap collapses to a point; the interval then comes from the
    // number of clusters alone (the independent units), as for none of them moved.
    const tied = boot.hi - boot.lo <= 0;
    const reach = tied ? noSpreadReach(boot.clusters, alpha) : 0;
    const iv = tied ? { ...boot, lo: boot.estimate - reach, hi: boot.estimate + reach } : boot;
    const cm = clusteredMean(diffs, ck.keys);
    const deff = Number.isFinite(cm.designEffect) ? cm.designEffect : 1;
    // The interval had the true drop been d, for the smallest detectable drop. Not the observed
    // interval shifted: a larger drop is more items lost, and their losses add spread
    // (bench/statistics.bench.ts measured the shifted interval's promise of 80% at 46% with 8
    // clusters). The extra losses fall where the baseline passes, cluster by cluster (a cluster
    // with more passing items loses more: the cluster bootstrap runs again on those sums), and
    // each passing item is lost at random with the rate h that makes the drop d, which adds
    // Σ passing·h(1 − h)/N² to the variance of the mean.
    const { sums, counts } = clusterSums(diffs, ck.keys);
    const passing = clusterSums(
      paired.map((k) => Math.min(1, Math.max(0, sign === 1 ? (b.items![k] as number) / itemScale : 1 - (b.items![k] as number) / itemScale))),
      ck.keys,
    ).sums;
    const weight = passing.reduce((a, x) => a + x, 0);
    const z = zTwoSided(alpha);
    const atDrop = (d: number): { lo: number; hi: number } => {
      const extra = (d - boot.estimate) * paired.length;
      const moved = sums.map((x, j) => x + extra * (weight > 0 ? (passing[j] as number) / weight : (counts[j] as number) / paired.length));
      const r = clusterBootstrapSums(moved, counts, { alpha, resamples: bootstrap.resamples, seed: bootstrap.seed });
      const h = weight > 0 ? Math.min(1, Math.max(0, extra / weight)) : 0;
      const added = (weight * h * (1 - h)) / (paired.length * paired.length);
      const se = (r.hi - r.lo) / (2 * z);
      const widen = se > 0 ? Math.sqrt(1 + added / (se * se)) : 1;
      return { lo: r.estimate - (r.estimate - r.lo) * widen, hi: r.estimate + (r.hi - r.estimate) * widen };
    };
    return {
      lo: iv.lo,
      hi: iv.hi,
      estimate: iv.estimate,
      n: paired.length,
      at: tied ? (d: number) => ({ lo: d - (iv.estimate - iv.lo), hi: d + (iv.hi - iv.estimate) }) : atDrop,
      method: 'cluster-bootstrap',
      description: tied
        ? `paired comparison on ${deffWords(field, paired.length, iv.clusters, deff)} whose differences are all equal (no spread for a bootstrap): ${conf} interval from the ${iv.clusters} clusters alone, as for none of them moved (Tango)`
        : `paired cluster bootstrap on ${deffWords(field, paired.length, iv.clusters, deff)} (${iv.resamples} resamples, seed ${iv.seed}), ${conf} interval`,
      extra: { n_items: paired.length, cluster_by: field, clusters: iv.clusters, design_effect: deff, resamples: iv.resamples, seed: iv.seed },
    };
  }
  // Independent sides: each needs its own items and their clusters.
  const sides: Array<[string, Valued]> = [['baseline', b], ['candidate', c]];
  const se: number[] = [];
  const info: Array<{ clusters: number; design_effect: number; n: number; tied?: boolean }> = [];
  for (const [label, m] of sides) {
    if (!m.items || Object.keys(m.items).length === 0) return { problem: `cluster_by ${field} needs per-item outcomes on both sides; the ${label} has none` };
    const ids = Object.keys(m.items);
    const ck = clusterKeys(field, ids, m);
    if ('problem' in ck) return { problem: `${label}: ${ck.problem}` };
    const values = ids.map((id) => m.items![id] as number);
    const cm = clusteredMean(values, ck.keys);
    if (!Number.isFinite(cm.stderr)) return { problem: `cluster_by ${field}: the ${label}'s ${ids.length} items fall in ${cm.clusters} cluster — at least 2 are needed` };
    // Items in 0–1 stand for a metric on its own scale.
    const unit = values.every((v) => v >= 0 && v <= 1) && Math.abs(cm.mean - m.value) > 1e-6 && Math.abs(cm.mean * scale - m.value) < 1e-6 * scale ? scale : 1;
    // All items on this side tied: CR1 gives 0, which is no evidence of certainty; the side's
    // spread then comes from its number of clusters alone (as for none of them moved).
    const spread = cm.stderr > 0 ? cm.stderr : noSpreadReach(cm.clusters, 0.05) / zTwoSided(0.05);
    se.push(spread * unit);
    info.push({ clusters: cm.clusters, design_effect: cm.designEffect, n: ids.length, ...(cm.stderr > 0 ? {} : { tied: true }) });
  }
  const iv = normalDifference(sign * b.value, se[0] as number, sign * c.value, se[1] as number, alpha);
  const [ib, ic] = info as [(typeof info)[0], (typeof info)[0]];
  return {
    lo: iv.lo / scale,
    hi: iv.hi / scale,
    estimate: iv.estimate / scale,
    n: ic.n,
    at: (d: number) => ({ lo: d - (iv.estimate - iv.lo) / scale, hi: d + (iv.hi - iv.estimate) / scale }),
    method: 'clustered-normal',
    description: `normal ${conf} interval from CR1 clustered standard errors (baseline ${deffWords(field, ib.n, ib.clusters, ib.design_effect, ib.tied)}; candidate ${deffWords(field, ic.n, ic.clusters, ic.design_effect, ic.tied)})`,
    extra: { cluster_by: field, baseline: ib, candidate: ic, design_effect: Math.max(ib.design_effect, ic.design_effect), stderr: { baseline: se[0], candidate: se[1] } },
  };
}
