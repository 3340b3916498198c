/**
 * A run's items (SPEC §2.12): written with the rest of the run's end, read page by page with
 * the same filters the CLI and the console offer. Texts are stored as bounded excerpts; the
 * full text stays in the artefact (the run keeps a copy) and is read back on demand.
 */
import type { Db } from './db';
import { isWordSearch, likeClause } from './item-search';
import { searchItems, type SearchPlan } from './item-plan';
import { itemNames, type ItemOutcome } from '../../core/diff/flips';
import { portableText } from '../../core/project/command';
import { excerpt, itemKey, type Item, type ItemPage, type ItemQuery, type StoredItem } from '../../core/items';

export interface ItemBatch {
  artefactPath: string;
  artefactKind: string;
  items: Item[];
}

const TEXTS = ['input', 'target', 'output', 'explanation', 'error'] as const;

const COLUMNS = 'run_id, artefact_path, artefact_kind, item_id, epoch, passed, score, category, metric, input, target, output, explanation, error, truncated, pointer, fields_json';
const ROW = `(${COLUMNS.split(', ').map(() => '?').join(', ')})`;
/**
 * Rows per INSERT statement. The word index's trigger writes each statement's rows to FTS5
 * within that statement; one statement per item made storing 100,000 items ~2.4× slower
 * (bench/items.bench.ts). 17 values a row: 500 rows stay under SQLite's 32,766 parameters.
 */
const ROWS_PER_STATEMENT = 500;

/** Insert items; called inside `finishRun`'s transaction, after the old rows were deleted. */
export function insertItems(db: Db, runId: string, batches: ItemBatch[]): void {
  const statements = new Map<number, ReturnType<Db['prepare']>>();
  const insert = (rows: unknown[][]): void => {
    let st = statements.get(rows.length);
    if (!st) {
      st = db.prepare(`INSERT INTO run_items (${COLUMNS}) VALUES ${rows.map(() => ROW).join(', ')}`);
      statements.set(rows.length, st);
    }
    st.run(rows.flat());
  };
  let pending: unknown[][] = [];
  for (const b of batches) {
    for (const it of b.items) {
      let truncated = false;
      const texts = TEXTS.map((k) => {
        const v = it[k];
        if (v === undefined) return null;
        const e = excerpt(v);
        truncated ||= e.truncated;
        return e.text;
      });
      pending.push([
        runId, b.artefactPath, b.artefactKind, it.id, it.epoch ?? null,
        it.passed === undefined ? null : it.passed ? 1 : 0, it.score ?? null, it.category ?? null, it.metric ?? null,
        ...texts, truncated ? 1 : 0, it.pointer ?? null, it.fields && Object.keys(it.fields).length ? JSON.stringify(it.fields) : null,
      ]);
      if (pending.length === ROWS_PER_STATEMENT) {
        insert(pending);
        pending = [];
      }
    }
  }
  if (pending.length) insert(pending);
}

interface Row {
  id: number;
  artefact_path: string;
  artefact_kind: string;
  item_id: string;
  epoch: number | null;
  passed: number | null;
  score: number | null;
  category: string | null;
  metric: string | null;
  input: string | null;
  target: string | null;
  output: string | null;
  explanation: string | null;
  error: string | null;
  truncated: number;
  pointer: string | null;
  fields_json: string | null;
}

function toItem(r: Row): StoredItem {
  const it: StoredItem = { row: r.id, id: r.item_id, artefact: r.artefact_path, kind: r.artefact_kind, truncated: r.truncated === 1 };
  if (r.passed !== null) it.passed = r.passed === 1;
  if (r.score !== null) it.score = r.score;
  if (r.category !== null) it.category = r.category;
  if (r.epoch !== null) it.epoch = r.epoch;
  if (r.metric !== null) it.metric = r.metric;
  for (const k of TEXTS) if (r[k] !== null) it[k] = r[k];
  if (r.pointer !== null) it.pointer = r.pointer;
  const fields = parseItemFields(r.fields_json);
  if (fields) it.fields = fields;
  return it;
}

/** An item's stored bag of extra fields; a damaged bag costs those fields, not the item. */
export function parseItemFields(json: string | null): Record<string, unknown> | undefined {
  if (json === null) return undefined;
  try {
    return JSON.parse(json) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** The filters other than the text, on run_items as `r`; `narrowed` when any applies beyond the run. */
function where(runId: string, q: ItemQuery): { sql: string; params: unknown[]; narrowed: boolean } {
  const parts = ['r.run_id = ?'];
  const params: unknown[] = [runId];
  if (q.status === 'pass') parts.push('r.passed = 1');
  if (q.status === 'fail') parts.push('r.passed = 0');
  if (q.category !== undefined) {
    parts.push('r.category = ?');
    params.push(q.category);
  }
  if (q.output !== undefined) {
    parts.push('r.output = ?');
    params.push(q.output);
  }
  if (q.rows !== undefined) {
    parts.push('r.id IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(q.rows));
  }
  if (q.ids !== undefined) {
    // json_each keeps a long id list one bound parameter (SQLite caps parameters at 32766).
    parts.push('r.item_id IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(q.ids));
  }
  return { sql: parts.join(' AND '), params, narrowed: parts.length > 1 };
}

/** One page of a run's items, in the artefact's order, with the total the filters match. */
export function queryItems(db: Db, runId: string, q: ItemQuery = {}, opts: { plan?: SearchPlan; picked?: (plan: SearchPlan) => void } = {}): ItemPage {
  const w = where(runId, q);
  const limit = q.limit ?? 200;
  const offset = q.offset ?? 0;
  const text = q.search?.trim() ?? '';
  let rows: Row[];
  let total: number;
  if (text !== '' && isWordSearch(text)) {
    // Words: the word index, or the few rows the other filters leave (item-plan.ts).
    const r = searchItems<Row>(db, { runId, base: w, text, limit, offset, ...(opts.plan ? { plan: opts.plan } : {}) });
    ({ rows, total } = r);
    opts.picked?.(r.plan);
  } else {
    // No word in the text: a substring of the excerpts, scanned (item-search.ts).
    if (text !== '') {
      const s = likeClause(text);
      w.sql += ` AND ${s.sql}`;
      w.params.push(...s.params);
    }
    rows = db.prepare(`SELECT * FROM run_items r WHERE ${w.sql} ORDER BY r.id LIMIT ? OFFSET ?`).all(...w.params, limit, offset) as Row[];
    total = rows.length < limit && offset === 0 ? rows.length : (db.prepare(`SELECT count(*) AS n FROM run_items r WHERE ${w.sql}`).get(...w.params) as { n: number }).n;
  }
  return { total, items: rows.map(toItem), categories: itemCategories(db, runId) };
}

/**
 * The run's categories, by skipping through the category index one value at a time: a few
 * lookups per category instead of a scan of every item.
 */
export function itemCategories(db: Db, runId: string): string[] {
  const rows = db
    .prepare(
      `WITH RECURSIVE c(cat) AS (
         SELECT min(category) FROM run_items WHERE run_id = @run
         UNION ALL
         SELECT (SELECT min(category) FROM run_items WHERE run_id = @run AND category > c.cat) FROM c WHERE c.cat IS NOT NULL
       ) SELECT cat FROM c WHERE cat IS NOT NULL`,
    )
    .all({ run: runId }) as Array<{ cat: string }>;
  return rows.map((r) => r.cat);
}

export function getItem(db: Db, runId: string, row: number): StoredItem | null {
  const r = db.prepare('SELECT * FROM run_items WHERE run_id = ? AND id = ?').get(runId, row) as Row | undefined;
  return r ? toItem(r) : null;
}

/**
 * Per-item outcomes for pairing with another side, by the name a reader sees (see itemNames):
 * two artefacts of one run that both have an item "1" are two items, each with its source.
 */
export function itemOutcomes(db: Db, runId: string): Map<string, ItemOutcome> {
  const run = db.prepare('SELECT r.run_dir, p.path AS project_dir FROM runs r LEFT JOIN projects p ON p.id = r.project_id WHERE r.id = ?').get(runId) as { run_dir: string | null; project_dir: string | null } | undefined;
  const places = { ...(run?.run_dir ? { run_dir: run.run_dir } : {}), ...(run?.project_dir ? { project_dir: run.project_dir } : {}) };
  const rows = db.prepare('SELECT id, artefact_path, artefact_kind, item_id, epoch, passed, score FROM run_items WHERE run_id = ? ORDER BY id').all(runId) as Array<Pick<Row, 'id' | 'artefact_path' | 'artefact_kind' | 'item_id' | 'epoch' | 'passed' | 'score'>>;
  const outcomes: ItemOutcome[] = [];
  for (const r of rows) {
    const passed = r.passed !== null ? r.passed === 1 : r.score === 1 ? true : r.score === 0 ? false : undefined;
    if (passed === undefined) continue;
    outcomes.push({ key: itemKey({ id: r.item_id, ...(r.epoch !== null ? { epoch: r.epoch } : {}) }), source: portableText(r.artefact_path, places), kind: r.artefact_kind, passed, row: r.id });
  }
  return new Map(itemNames(outcomes));
}

export function itemCount(db: Db, runId: string): number {
  return (db.prepare('SELECT count(*) AS n FROM run_items WHERE run_id = ?').get(runId) as { n: number }).n;
}
