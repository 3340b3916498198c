/**
 * The noise floor (`greenlight run --aa`, issue 16): two runs of the same version compared item
 * by item. Whatever separates them is noise, so the interval of their difference is the size of
 * change that this eval cannot tell from noise.
 */
import type { Metric } from './metric';
import { dropInterval } from './gates/regression-stats';

export interface NoiseRow {
  metric: string;
  first: number;
  second: number;
  /** second − first, in the metric's scale. */
  difference: number;
  paired_items: number | null;
  /** Items whose outcome differs between the two runs. */
  flipped: number | null;
  interval: [number, number] | null;
  /** Half the interval's width as a fraction of the scale: changes smaller than this are noise. */
  noise_floor: number | null;
  method: string | null;
  /** The metric's scale: interval and noise_floor are fractions of it (× scale gives the metric's units). */
  scale: number;
}

export function noiseFloor(first: readonly Metric[], second: readonly Metric[], alpha = 0.05): NoiseRow[] {
  const b = new Map(second.map((m) => [m.name, m]));
  const rows: NoiseRow[] = [];
  for (const a of first) {
    const c = b.get(a.name);
    if (!c || a.value === null || c.value === null) continue;
    const scale = a.scale ?? c.scale ?? (a.value >= 0 && a.value <= 1 && c.value >= 0 && c.value <= 1 ? 1 : 100);
    // A metric with no declared scale (a cost, a latency) and no standard errors or items has
    // no interval: read as a proportion of n, a $0.002 cost got a ±0.02 "noise floor".
    const evidence = (a.stderr !== undefined && c.stderr !== undefined) || (a.items !== undefined && c.items !== undefined);
    const iv = a.scale === undefined && c.scale === undefined && !evidence ? null : dropInterval(a as Metric & { value: number }, c as Metric & { value: number }, scale, 1, alpha, { resamples: 2000, seed: 1 });
    let paired: number | null = null;
    let flipped: number | null = null;
    if (a.items && c.items) {
      paired = 0;
      flipped = 0;
      for (const [id, x] of Object.entries(a.items)) {
        const y = c.items[id];
        if (y === undefined) continue;
        paired++;
        if (x !== y) flipped++;
      }
    }
    // dropInterval gives first − second; the row reports second − first.
    rows.push({
      metric: a.name,
      first: a.value,
      second: c.value,
      difference: c.value - a.value,
      paired_items: paired,
      flipped,
      interval: iv ? [-iv.hi, -iv.lo] : null,
      noise_floor: iv ? (iv.hi - iv.lo) / 2 : null,
      method: iv?.method ?? null,
      scale,
    });
  }
  return rows;
}

/** The items whose outcome differs between the two runs (shared ids only, in the first run's order), the first `limit` of them. */
export function differingItems(first: Metric, second: Metric, limit = 50): Array<{ id: string; first: number; second: number }> {
  const out: Array<{ id: string; first: number; second: number }> = [];
  if (!first.items || !second.items) return out;
  for (const [id, x] of Object.entries(first.items)) {
    const y = second.items[id];
    if (y === undefined || x === y) continue;
    out.push({ id, first: x, second: y });
    if (out.length >= limit) break;
  }
  return out;
}
