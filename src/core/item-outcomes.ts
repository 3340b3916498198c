/**
 * A metric's per-item outcomes rebuilt from item records (issue 13's stored items), the way the
 * adapters build them in memory: so a stored run — the previous release's run, the latest
 * accepted run, a compare target — is a baseline with items and item fields, paired by id with
 * the candidate (and `cluster_by` reads the stored fields). One rule for both directions: the
 * end of a run checks that the rebuilt outcomes equal the adapter's before it keeps them only
 * in the items table.
 */
import type { Metric } from './metric';
import { itemShape, scalarFields, type ItemOutcome, type ItemShape } from './epochs';
import { isRecord } from './util';

/** What the store keeps of an item that matters for outcomes (a subset of core/items' Item). */
export interface ItemRecord {
  id: string;
  epoch?: number;
  passed?: boolean;
  score?: number;
  category?: string;
  metric?: string;
  fields?: Record<string, unknown>;
}

/**
 * The item's outcome for `metricName`: its own metric (eval-report's `task_pass_rate`), or an
 * Inspect scorer's (`match/accuracy` ← scorer `match`, the first scorer's value on the item,
 * the others' in `fields.scores`). Pass/fail wins over a score, as the adapters read it.
 */
function outcomeOf(metricName: string, r: ItemRecord): number | undefined {
  if (r.metric === metricName || (r.metric !== undefined && metricName.startsWith(`${r.metric}/`))) {
    if (r.passed !== undefined) return r.passed ? 1 : 0;
    return r.score !== undefined && Number.isFinite(r.score) ? r.score : undefined;
  }
  const scorer = metricName.includes('/') ? metricName.slice(0, metricName.indexOf('/')) : undefined;
  const scores = r.fields?.scores;
  if (scorer !== undefined && isRecord(scores) && typeof scores[scorer] === 'number' && Number.isFinite(scores[scorer])) return scores[scorer] as number;
  return undefined;
}

/** Outcomes of one metric from item records, with each item's scalar fields (category included) for cluster_by. */
export function outcomesFromRecords(metricName: string, records: readonly ItemRecord[]): ItemOutcome[] {
  const out: ItemOutcome[] = [];
  for (const r of records) {
    const value = outcomeOf(metricName, r);
    if (value === undefined) continue;
    const fields = { ...(scalarFields(r.fields ?? {}) ?? {}), ...(r.category !== undefined ? { category: r.category } : {}) };
    out.push({ id: r.id, epoch: r.epoch ?? 1, value, ...(Object.keys(fields).length ? { fields } : {}) });
  }
  return out;
}

/** The item shape (items, epochs, item fields, spread, pass@k) of one metric from records. */
export function itemShapeFromRecords(metricName: string, records: readonly ItemRecord[]): ItemShape {
  return itemShape(outcomesFromRecords(metricName, records));
}

function sameNumbers(a: Record<string, number> | undefined, b: Record<string, number> | undefined): boolean {
  const ka = Object.keys(a ?? {});
  if (ka.length !== Object.keys(b ?? {}).length) return false;
  return ka.every((k) => b![k] !== undefined && Math.abs((a![k] as number) - (b![k] as number)) <= 1e-12);
}

function sameEpochs(a: Record<string, number[]> | undefined, b: Record<string, number[]> | undefined): boolean {
  const ka = Object.keys(a ?? {});
  if (ka.length !== Object.keys(b ?? {}).length) return false;
  return ka.every((k) => {
    const x = a![k] as number[];
    const y = b![k];
    return y !== undefined && x.length === y.length && x.every((v, i) => Math.abs(v - (y[i] as number)) <= 1e-12);
  });
}

/** Do the records give this metric exactly the per-item outcomes (and epochs) it has? */
export function recordsReproduce(m: Metric, records: readonly ItemRecord[]): boolean {
  if (!m.items || Object.keys(m.items).length === 0) return false;
  const shape = itemShapeFromRecords(m.name, records);
  return sameNumbers(m.items, shape.items) && sameEpochs(m.epochs, shape.epochs);
}

/** A stored metric (kept without its items) with its per-item outcomes rebuilt from the records. */
export function withRecordedItems(m: Metric, records: readonly ItemRecord[]): Metric {
  const shape = itemShapeFromRecords(m.name, records);
  if (!shape.items || Object.keys(shape.items).length === 0) return m;
  return { ...m, items: shape.items, ...(shape.epochs ? { epochs: shape.epochs } : {}), ...(shape.itemFields ? { itemFields: shape.itemFields } : {}) };
}
