/**
 * How a word search of a run's items is answered (the meaning is item-search.ts's; every plan
 * finds the same items, in the same order, with the same total — test/main/store/item-plan.test.ts).
 *
 * - `scan`: when the other filters (status, category, output, rows, ids) leave few rows, those
 *   rows are tested in JavaScript with the index's own notion of a word (item-words.ts): a
 *   run's failures of one category searched for "refund" read ~1,800 rows instead of the
 *   ~100,000 rows holding that word.
 * - `index`: otherwise the word index. Each query word becomes the index's exact words that
 *   start with it (read from the index's vocabulary), because FTS5 answers a prefix query by
 *   gathering every row of every run holding such a word before the first is returned, while
 *   exact words are read lazily from the run's stretch only: the page stops at its last row,
 *   and the total is counted in the index alone when no other filter applies.
 */
import type { Db } from './db';
import { matchExpression, queryWords } from './item-search';
import { MAX_WORD_BYTES, matchesWords } from './item-words';

export type SearchPlan = 'scan' | 'index';

/** Rows up to which testing them beats the index (bench/items.bench.ts). */
export const FEW_ROWS = 4000;
/** Exact words a query word may stand for before it is left a prefix query. */
const MAX_EXPANSION = 64;

export interface SearchInput {
  runId: string;
  /** The other filters on run_items as `r` (run_id included), and whether any beyond the run applies. */
  base: { sql: string; params: unknown[]; narrowed: boolean };
  text: string;
  limit: number;
  offset: number;
  /** Tests and the benchmark force a plan; the store picks one. */
  plan?: SearchPlan;
}

const MATCHER = 'greenlight_item_words';
const ready = new WeakSet<Db>();

/** The JavaScript word test as an SQL function, once per connection, and the vocabulary's view. */
function prepare(db: Db): void {
  if (ready.has(db)) return;
  let lastKey = '';
  let lastTerms: string[] = [];
  db.function(MATCHER, { deterministic: true, varargs: true }, (key: unknown, ...fields: unknown[]) => {
    if (key !== lastKey) {
      lastKey = key as string;
      lastTerms = lastKey.split(' ');
    }
    return matchesWords(lastTerms, fields as Array<string | null>) ? 1 : 0;
  });
  db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.run_items_search_terms USING fts5vocab(main, run_items_search, row)`);
  ready.add(db);
}

const FIELDS = 'r.item_id, r.input, r.target, r.output, r.explanation, r.error';

/** The next code point after a prefix's last one: the vocabulary's words with the prefix lie below it. */
function upperBound(word: string): string | null {
  const cps = [...word];
  const last = cps.pop()!.codePointAt(0)!;
  if (last >= 0x10ffff) return null;
  return cps.join('') + String.fromCodePoint(last + 1 === 0xd800 ? 0xe000 : last + 1);
}

/** The index's words starting with `word`, or null when there are too many to list. */
function expand(db: Db, word: string): string[] | null {
  if (word.length > 8000) return null;
  const hi = upperBound(word);
  const st = db.prepare(`SELECT term FROM temp.run_items_search_terms WHERE term >= ?${hi === null ? '' : ' AND term < ?'}`).pluck();
  const out: string[] = [];
  for (const term of st.iterate(...(hi === null ? [word] : [word, hi])) as Iterable<string>) {
    if (!term.startsWith(word)) continue;
    // A word cut at the index's byte limit may end mid-character; the prefix query reads it as stored.
    if (out.length === MAX_EXPANSION || term.length > 8000 || term.includes('\ufffd')) return null;
    out.push(term);
  }
  return out;
}

export interface SearchResult<R> {
  rows: R[];
  total: number;
  plan: SearchPlan;
}

export function searchItems<R>(db: Db, input: SearchInput): SearchResult<R> {
  prepare(db);
  const terms = queryWords(input.text);
  const { base, limit, offset } = input;
  // The index cuts words at 32,768 bytes and so does its query; only the index answers such a word.
  const long = terms.some((t) => Buffer.byteLength(t) > MAX_WORD_BYTES);
  let plan = input.plan;
  if (plan === undefined) {
    const few = !long && (db.prepare(`SELECT count(*) FROM (SELECT 1 FROM run_items r WHERE ${base.sql} LIMIT ${FEW_ROWS + 1})`).pluck().get(...base.params) as number) <= FEW_ROWS;
    plan = few ? 'scan' : 'index';
  }
  if (plan === 'scan' && !long) {
    const where = `${base.sql} AND ${MATCHER}(?, ${FIELDS})`;
    const params = [...base.params, terms.join(' ')];
    const rows = db.prepare(`SELECT * FROM run_items r WHERE ${where} ORDER BY r.id LIMIT ? OFFSET ?`).all(...params, limit, offset) as R[];
    const total = rows.length < limit && offset === 0 ? rows.length : (db.prepare(`SELECT count(*) FROM run_items r WHERE ${where}`).pluck().get(...params) as number);
    return { rows, total, plan: 'scan' };
  }
  const groups = terms.map((word) => ({ word, terms: expand(db, word) }));
  if (groups.some((g) => g.terms !== null && g.terms.length === 0)) return { rows: [], total: 0, plan: 'index' };
  const match = matchExpression(groups);
  const range = db.prepare('SELECT min(id) AS lo, max(id) AS hi FROM run_items WHERE run_id = ?').get(input.runId) as { lo: number | null; hi: number | null };
  const lo = range.lo ?? 0;
  const hi = range.hi ?? -1;
  const fts = 'f.run_items_search MATCH ? AND f.rowid BETWEEN ? AND ?';
  if (base.narrowed) {
    // Many rows left by the filters, and words: the index's rows and the filters' rows met in
    // a bitmap (a join would look up every row the words hold; 2.6× slower at 100,000).
    const keep = new Uint8Array(Math.max(0, hi - lo + 1));
    for (const id of db.prepare(`SELECT r.id FROM run_items r WHERE ${base.sql}`).pluck().all(...base.params) as number[]) keep[id - lo] = 1;
    const page: number[] = [];
    let total = 0;
    for (const id of db.prepare(`SELECT f.rowid FROM run_items_search f WHERE ${fts} ORDER BY f.rowid`).pluck().all(match, lo, hi) as number[]) {
      if (keep[id - lo] !== 1) continue;
      if (total >= offset && page.length < limit) page.push(id);
      total++;
    }
    const rows = page.length ? (db.prepare('SELECT * FROM run_items WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id').all(JSON.stringify(page)) as R[]) : [];
    return { rows, total, plan: 'index' };
  }
  // CROSS JOIN: the index drives, in row order, so the page stops at its last row.
  const joined = `run_items_search f CROSS JOIN run_items r ON r.id = f.rowid WHERE ${fts} AND ${base.sql}`;
  const params = [match, lo, hi, ...base.params];
  const rows = db.prepare(`SELECT r.* FROM ${joined} ORDER BY f.rowid LIMIT ? OFFSET ?`).all(...params, limit, offset) as R[];
  let total: number;
  if (rows.length < limit && offset === 0) total = rows.length;
  else if (hi - lo + 1 === (db.prepare('SELECT count(*) FROM run_items WHERE run_id = ?').pluck().get(input.runId) as number)) {
    // The run's rows are one stretch (written in one transaction): the index alone counts them.
    total = db.prepare(`SELECT count(*) FROM run_items_search f WHERE ${fts}`).pluck().get(match, lo, hi) as number;
  } else total = db.prepare(`SELECT count(*) FROM ${joined}`).pluck().get(...params) as number;
  return { rows, total, plan: 'index' };
}
