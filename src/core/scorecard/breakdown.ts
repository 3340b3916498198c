/**
 * The card's `results.breakdown` (SPEC §2.2/§2.5, seed 001's shape): per-category rows of one
 * metric — `{category, total, correct, accuracy}` for a proportion, `{category, n, value}`
 * otherwise — and the top confusions when the artefact recorded them. Seed 001's reviewer:
 * "the benchmark already computes per-category accuracy, but the card averages it into one
 * number".
 */
import type { Metric } from '../metric';
import { wilsonInterval } from '../stats/wilson';
import { outward } from './intervals';

export interface BreakdownSource {
  metric: Metric;
  /** `{expected, predicted, count}` cells, as the gaia-benchmark adapter records them. */
  topConfusions?: unknown;
}

/** The metric whose breakdown the card shows: the first aggregate component that has one, else the first metric. */
export function breakdownMetric(metrics: readonly Metric[], components: ReadonlyArray<{ metric: string }> = []): Metric | undefined {
  const has = (m: Metric | undefined): m is Metric => !!m && typeof m.value === 'number' && (m.breakdown?.length ?? 0) > 0;
  for (const c of components) {
    const m = metrics.find((x) => x.name === c.metric);
    if (has(m)) return m;
  }
  return metrics.find(has);
}

export function cardBreakdown(src: BreakdownSource): Record<string, unknown> | undefined {
  const rows = src.metric.breakdown ?? [];
  if (rows.length === 0) return undefined;
  const proportion = (src.metric.scale === 1 || src.metric.scale === undefined) && rows.every((r) => r.value >= 0 && r.value <= 1 && r.n !== undefined && Number.isInteger(r.n));
  const per_category = rows.map((r) =>
    proportion ? { category: r.category, total: r.n, correct: Math.round(r.value * (r.n ?? 0)), accuracy: r.value } : { category: r.category, ...(r.n !== undefined ? { n: r.n } : {}), value: r.value },
  );
  const conf = Array.isArray(src.topConfusions) ? src.topConfusions : [];
  return { metric: src.metric.name, per_category, ...(conf.length ? { top_confusions: conf } : {}) };
}

/** A row's 95% interval: its own, else Wilson from `correct` of `total`. */
export function categoryCi95(row: Record<string, unknown>): [number, number] | undefined {
  const ci = row.ci95;
  if (Array.isArray(ci) && ci.length === 2 && ci.every((x) => typeof x === 'number' && Number.isFinite(x))) return [ci[0] as number, ci[1] as number];
  const total = row.total ?? row.n;
  const correct = row.correct;
  if (typeof total === 'number' && Number.isInteger(total) && total > 0 && typeof correct === 'number' && Number.isInteger(correct) && correct >= 0 && correct <= total) {
    const w = wilsonInterval(correct, total);
    return outward(w.lo, w.hi, 1);
  }
  return undefined;
}
