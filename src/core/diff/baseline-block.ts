/**
 * A diff as the card's `baseline` block (SPEC §2.5: "version and ref compared against,
 * per-metric delta with its interval"), with the category deltas beside the metric ones.
 */
import type { DiffResult } from './schema';

/** Six significant digits: a readable front matter, far below any interval's width. */
const r6 = (x: number | null): number | null => (x === null ? null : Number(x.toPrecision(6)) + 0);
const pair = (i: { lo: number; hi: number } | null): [number, number] | null => (i ? [r6(i.lo) as number, r6(i.hi) as number] : null);

export function baselineDeltas(d: DiffResult): { aggregate: number | null; aggregate_delta: { delta: number | null; ci95: [number, number] | null }; metrics: Array<Record<string, unknown>>; categories: Array<Record<string, unknown>> } {
  return {
    aggregate: d.baseline.aggregate,
    aggregate_delta: { delta: r6(d.aggregate.delta), ci95: pair(d.aggregate.interval) },
    metrics: d.metrics.map((m) => ({
      name: m.name,
      baseline: m.baseline,
      candidate: m.candidate,
      delta: r6(m.delta),
      ci95: pair(m.interval),
      note: m.method === 'none' ? m.verdict : `${m.verdict} (${m.method}; n ${m.n.baseline ?? '?'} → ${m.n.candidate ?? '?'})`,
    })),
    categories: d.categories.map((c) => ({ metric: c.metric, category: c.category, baseline: c.baseline, candidate: c.candidate, delta: r6(c.delta), ci95: pair(c.interval), note: c.verdict })),
  };
}
