/**
 * A run's metrics as the store keeps them. A metric's per-item outcomes, epochs and item fields
 * live once, in the run's items (migrations 6–7): when those items reproduce them exactly the
 * metric's row is written without them and marked, and reading it back rebuilds them from the
 * items (core/item-outcomes.ts). So any stored run — the previous release's, the latest
 * accepted one, a compare target — is a baseline whose items pair by id with a candidate's and
 * whose fields `cluster_by` reads. A metric the items do not reproduce keeps its own copy.
 */
import type { Db } from './db';
import type { Metric } from '../../core/metric';
import { recordsReproduce, withRecordedItems, type ItemRecord } from '../../core/item-outcomes';
import { parseItemFields, type ItemBatch } from './run-items';

/** Set on a stored metric whose items, epochs and item fields are read from run_items. */
export const ITEMS_IN_STORE = 'items_in_store';

type Stored = { name: string; value: number | null } & Record<string, unknown>;

/** The metric row to write: without its per-item maps when the run's items give them back exactly. */
export function metricForStore(m: Stored, records: readonly ItemRecord[]): Stored {
  if (!m.items || records.length === 0 || !recordsReproduce(m as unknown as Metric, records)) return m;
  const { items: _i, epochs: _e, itemFields: _f, ...rest } = m;
  return { ...rest, [ITEMS_IN_STORE]: true };
}

export function recordsOfBatches(batches: readonly ItemBatch[]): ItemRecord[] {
  return batches.flatMap((b) => b.items);
}

interface RecordRow {
  item_id: string;
  epoch: number | null;
  passed: number | null;
  score: number | null;
  category: string | null;
  metric: string | null;
  fields_json: string | null;
}

/** The run's items as records, in the order they were stored (the artefacts' order). */
export function itemRecords(db: Db, runId: string): ItemRecord[] {
  const rows = db.prepare('SELECT item_id, epoch, passed, score, category, metric, fields_json FROM run_items WHERE run_id = ? ORDER BY id').all(runId) as RecordRow[];
  return rows.map((r) => {
    const rec: ItemRecord = { id: r.item_id };
    if (r.epoch !== null) rec.epoch = r.epoch;
    if (r.passed !== null) rec.passed = r.passed === 1;
    if (r.score !== null) rec.score = r.score;
    if (r.category !== null) rec.category = r.category;
    if (r.metric !== null) rec.metric = r.metric;
    const fields = parseItemFields(r.fields_json);
    if (fields) rec.fields = fields;
    return rec;
  });
}

/** A stored run's metrics, each with the per-item outcomes and fields its items give. */
export function storedRunMetrics(db: Db, runId: string): Metric[] {
  const rows = (db.prepare('SELECT json FROM metrics WHERE run_id = ? ORDER BY id').all(runId) as Array<{ json: string }>).map((m): Metric & { [ITEMS_IN_STORE]?: boolean } => {
    try {
      return JSON.parse(m.json) as Metric;
    } catch {
      // A damaged row reads as an invalid metric, never as a crash of every reader.
      return { name: '?', value: null, invalid: 'unreadable', higherIsBetter: true };
    }
  });
  if (!rows.some((m) => m[ITEMS_IN_STORE])) return rows;
  const records = itemRecords(db, runId);
  return rows.map((m) => {
    if (!m[ITEMS_IN_STORE]) return m;
    const { [ITEMS_IN_STORE]: _s, ...metric } = m;
    return withRecordedItems(metric, records);
  });
}
