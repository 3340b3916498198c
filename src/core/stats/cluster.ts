/**
 * Items that share a passage, a conversation or a category are not independent draws, and a
 * standard error that treats them so is too small (Miller 2024, "Adding Error Bars to Evals",
 * arXiv 2411.00640, §2.2 and Appendix A). Here: the cluster-robust (CR1) standard error of a
 * mean — the sandwich estimator of an intercept-only regression with Stata's small-sample
 * factor G/(G−1)·(N−1)/(N−K), K = 1, which is what Inspect's `stderr(cluster=…)` computes — the
 * design effect, and a seeded cluster bootstrap for the mean of paired differences.
 */
import { mulberry32 } from './bootstrap';
import type { Interval } from './wilson';

export interface ClusteredMean {
  mean: number;
  /** Items. */
  n: number;
  /** Clusters (distinct keys). */
  clusters: number;
  /** CR1 clustered standard error of the mean. */
  stderr: number;
  /** The i.i.d. standard error sd/√n (sample sd, N − 1), for comparison. */
  naiveStderr: number;
  /** (clustered / naive)²: how many times the variance is underestimated when clusters are ignored. */
  designEffect: number;
  /** n / design effect: the number of independent items the clustered sample is worth. */
  effectiveN: number;
}

/** Group values by their cluster key, keeping first-seen order: each cluster's sum and item count. */
export function clusterSums(values: ArrayLike<number>, clusterOf: ArrayLike<string>): { sums: number[]; counts: number[] } {
  const index = new Map<string, number>();
  const sums: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const key = clusterOf[i] as string;
    let g = index.get(key);
    if (g === undefined) {
      g = sums.length;
      index.set(key, g);
      sums.push(0);
      counts.push(0);
    }
    sums[g] = (sums[g] as number) + (values[i] as number);
    counts[g] = (counts[g] as number) + 1;
  }
  return { sums, counts };
}

/**
 * CR1 standard error of mean(values) with items grouped by `clusterOf[i]`. With one item per
 * cluster it is exactly sd/√n; with a single cluster nothing can be said (stderr NaN).
 */
export function clusteredMean(values: ArrayLike<number>, clusterOf: ArrayLike<string>): ClusteredMean {
  const n = values.length;
  if (clusterOf.length !== n) throw new RangeError(`${n} values but ${clusterOf.length} cluster keys`);
  let total = 0;
  for (let i = 0; i < n; i++) total += values[i] as number;
  const mean = n > 0 ? total / n : NaN;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += ((values[i] as number) - mean) ** 2;
  const naiveStderr = n > 1 ? Math.sqrt(ss / (n - 1) / n) : NaN;
  const { sums, counts } = clusterSums(values, clusterOf);
  const g = sums.length;
  let meat = 0;
  for (let j = 0; j < g; j++) meat += ((sums[j] as number) - (counts[j] as number) * mean) ** 2;
  // K = 1 (the mean is the only coefficient), so (N−1)/(N−K) is 1 and the factor is G/(G−1).
  const stderr = g > 1 ? Math.sqrt(((g / (g - 1)) * meat) / (n * n)) : NaN;
  const designEffect = naiveStderr > 0 ? (stderr / naiveStderr) ** 2 : stderr === 0 || Number.isNaN(stderr) ? 1 : Infinity;
  return { mean, n, clusters: g, stderr, naiveStderr, designEffect, effectiveN: designEffect > 0 ? n / designEffect : n };
}

/** Kish's design effect for equal clusters of m items with intra-cluster correlation icc. */
export function kishDesignEffect(clusterSize: number, icc: number): number {
  return 1 + (clusterSize - 1) * icc;
}

export interface ClusterBootstrapOptions {
  alpha?: number;
  resamples?: number;
  seed?: number;
}

/**
 * Percentile interval for mean(diffs) resampling whole clusters with replacement (the items of a
 * drawn cluster come together), so that the interval widens by what the clusters share. The
 * estimate of a resample is Σ sums / Σ counts (clusters may differ in size).
 */
export function clusterBootstrap(
  diffs: ArrayLike<number>,
  clusterOf: ArrayLike<string>,
  opts: ClusterBootstrapOptions = {},
): Interval & { estimate: number; resamples: number; seed: number; clusters: number } {
  const { sums, counts } = clusterSums(diffs, clusterOf);
  return clusterBootstrapSums(sums, counts, opts);
}

/** The same percentile interval from each cluster's sum and item count (the estimate is Σ sums / Σ counts). */
export function clusterBootstrapSums(
  sums: readonly number[],
  counts: readonly number[],
  opts: ClusterBootstrapOptions = {},
): Interval & { estimate: number; resamples: number; seed: number; clusters: number } {
  const alpha = opts.alpha ?? 0.05;
  const resamples = Math.max(1, Math.floor(opts.resamples ?? 2000));
  const seed = opts.seed ?? 1;
  const g = sums.length;
  let total = 0;
  let n = 0;
  for (let j = 0; j < g; j++) {
    total += sums[j] as number;
    n += counts[j] as number;
  }
  if (g === 0) return { estimate: 0, lo: -Infinity, hi: Infinity, resamples, seed, clusters: 0 };
  const rand = mulberry32(seed);
  const means = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    let s = 0;
    let c = 0;
    for (let j = 0; j < g; j++) {
      const k = Math.floor(rand() * g);
      s += sums[k] as number;
      c += counts[k] as number;
    }
    means[r] = s / c;
  }
  means.sort();
  const at = (q: number): number => {
    const pos = q * (resamples - 1);
    const i = Math.floor(pos);
    const f = pos - i;
    const a = means[i] as number;
    const b = means[Math.min(i + 1, resamples - 1)] as number;
    return a + f * (b - a);
  };
  return { estimate: total / n, lo: at(alpha / 2), hi: at(1 - alpha / 2), resamples, seed, clusters: g };
}
