/**
 * Seeded paired bootstrap: resample items with replacement and take percentiles of the mean
 * paired difference. The generator is mulberry32, so the same seed gives the same interval
 * on every machine.
 */
import type { Interval } from './wilson';

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface BootstrapOptions {
  alpha?: number;
  resamples?: number;
  seed?: number;
}

/** Percentile interval for mean(diffs) (diffs[i] = first[i] − second[i] of the same item). */
export function pairedBootstrap(diffs: ArrayLike<number>, opts: BootstrapOptions = {}): Interval & { estimate: number; resamples: number; seed: number } {
  const alpha = opts.alpha ?? 0.05;
  const resamples = Math.max(1, Math.floor(opts.resamples ?? 2000));
  const seed = opts.seed ?? 1;
  const n = diffs.length;
  if (n === 0) return { estimate: 0, lo: -Infinity, hi: Infinity, resamples, seed };
  let total = 0;
  for (let i = 0; i < n; i++) total += diffs[i] as number;
  const rand = mulberry32(seed);
  const means = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += diffs[Math.floor(rand() * n)] as number;
    means[r] = s / n;
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
  return { estimate: total / n, lo: at(alpha / 2), hi: at(1 - alpha / 2), resamples, seed };
}
