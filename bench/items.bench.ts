/**
 * A run's items in the store (issue 13): 100,000 items written with the run's end, and the
 * items page filtered by status, category and text. Medians of repeated runs, each against
 * a baseline measured in the same run: writing the same rows with no index and no excerpts,
 * and reading one page with no filter.
 *
 * The word index (issue 18, migration 10): the same items stored in a second database made
 * without it, in the same run, and each text search timed every way in the same run — the
 * plan the store picks (item-plan.ts), each plan forced, the index as asked before the plans
 * (prefix queries gathered into a set), and the LIKE scan of the excerpts; each way's result
 * is checked to be the picked plan's before it is timed.
 */
import { it } from 'vitest';
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { openDatabase, type Db } from '../src/main/store/db';
import { migrations } from '../src/main/store/migrations';
import { upsertProject } from '../src/main/store/projects';
import { finishRun, insertRun } from '../src/main/store/run-records';
import { queryItems } from '../src/main/store/run-items';
import type { Item, ItemQuery } from '../src/core/items';
import type { SearchPlan } from '../src/main/store/item-plan';
import { queryWords } from '../src/main/store/item-search';
import { mulberry32 } from '../src/core/stats';

const N = 100_000;
const CATEGORIES = ['billing', 'support', 'sales', 'spam', 'urgent', 'newsletter', 'legal', 'hr'];
const WORDS = 'the invoice order account refund login error meeting price demo prize newsletter update contract payroll server outage'.split(' ');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

/** Median of `reps` timed calls after one untimed warm-up; `reps` 0 times the single call itself. */
function time(reps: number, fn: () => unknown): number {
  if (reps === 0) {
    const t0 = performance.now();
    fn();
    return performance.now() - t0;
  }
  fn();
  const t: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    fn();
    t.push(performance.now() - t0);
  }
  return median(t);
}

function makeItems(): Item[] {
  const rand = mulberry32(13);
  const word = () => WORDS[Math.floor(rand() * WORDS.length)]!;
  return Array.from({ length: N }, (_, i) => {
    const category = CATEGORIES[Math.floor(rand() * CATEGORIES.length)]!;
    const passed = rand() < 0.85;
    // ~600 characters of input, as a short prompt or email would be.
    const input = `Subject: ${word()} ${word()} ${i}\n\n${Array.from({ length: 90 }, word).join(' ')}`;
    return { id: `item-${i}`, passed, score: passed ? 1 : 0, category, input, target: category, output: passed ? category : CATEGORIES[(CATEGORIES.indexOf(category) + 1) % CATEGORIES.length]!, metric: 'task_pass_rate', pointer: `results.${i}` };
  });
}

/**
 * Text closer to real prompts: 5,000 made-up words drawn by Zipf's law (s = 1.1), so a few
 * words are everywhere and most are rare, as in language. The 17-word texts above are the
 * worst case for a word index (every word in nearly every item).
 */
function zipfItems(): { items: Item[]; words: string[] } {
  const rand = mulberry32(29);
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const words = Array.from({ length: 5000 }, () => Array.from({ length: 3 + Math.floor(rand() * 7) }, () => letters[Math.floor(rand() * 26)]).join(''));
  const weights = words.map((_, r) => 1 / Math.pow(r + 1, 1.1));
  const cum: number[] = [];
  weights.reduce((a, w, i) => (cum[i] = a + w), 0);
  const total = cum[cum.length - 1]!;
  const word = (): string => {
    const x = rand() * total;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return words[lo]!;
  };
  const items = Array.from({ length: N }, (_, i) => ({ id: `doc-${i}`, passed: rand() < 0.85, input: Array.from({ length: 95 }, word).join(' ') }));
  return { items, words };
}

/**
 * The word index as last session asked it (before item-plan.ts): every query word an FTS5
 * prefix query, the run's rows those hold gathered into a set, then the page and the total
 * each read through that set.
 */
function indexAsBefore(db: Db, runId: string, q: ItemQuery): number {
  const b = db.prepare('SELECT min(id) AS lo, max(id) AS hi FROM run_items WHERE run_id = ?').get(runId) as { lo: number; hi: number };
  const match = queryWords(q.search ?? '').map((w) => `"${w}"*`).join(' AND ');
  const extra = `${q.status === 'fail' ? ' AND passed = 0' : q.status === 'pass' ? ' AND passed = 1' : ''}${q.category ? ' AND category = @category' : ''}`;
  const w = `run_id = @run${extra} AND id IN (SELECT rowid FROM run_items_search WHERE run_items_search MATCH @match AND rowid BETWEEN @lo AND @hi)`;
  const params = { run: runId, match, lo: b.lo, hi: b.hi, ...(q.category ? { category: q.category } : {}) };
  const rows = db.prepare(`SELECT * FROM run_items WHERE ${w} ORDER BY id LIMIT 200`).all(params);
  return rows.length < 200 ? rows.length : (db.prepare(`SELECT count(*) AS n FROM run_items WHERE ${w}`).get(params) as { n: number }).n;
}

interface Measured {
  total: number;
  plan: SearchPlan;
  ms: number;
  scanMs: number;
  indexMs: number;
  beforeMs: number;
  likeN: number;
  likeMs: number;
}

/** One search timed each way in the same run: the plan the store picks, each plan forced, the index as before, LIKE. */
function measure(db: Db, runId: string, q: ItemQuery, like: () => number): Measured {
  let plan: SearchPlan = 'index';
  const page = queryItems(db, runId, { limit: 200, ...q }, { picked: (p) => (plan = p) });
  const before = indexAsBefore(db, runId, q);
  if (before !== page.total) throw new Error(`${JSON.stringify(q)}: ${page.total} found, ${before} before`);
  const forced = (p: SearchPlan): number => {
    const t = queryItems(db, runId, { limit: 200, ...q }, { plan: p });
    if (t.total !== page.total || t.items[0]?.row !== page.items[0]?.row) throw new Error(`${JSON.stringify(q)}: plan ${p} differs`);
    return time(5, () => queryItems(db, runId, { limit: 200, ...q }, { plan: p }));
  };
  return {
    total: page.total,
    plan,
    ms: time(11, () => queryItems(db, runId, { limit: 200, ...q })),
    scanMs: forced('scan'),
    indexMs: forced('index'),
    beforeMs: time(5, () => indexAsBefore(db, runId, q)),
    likeN: like(),
    likeMs: time(5, like),
  };
}

const searchLine = (label: string, r: Measured): string => {
  const f = (x: number): string => x.toFixed(1).padStart(7);
  return `    ${label.padEnd(36)} ${f(r.ms)} ms ${r.plan.padEnd(5)} (${r.total.toLocaleString('en')} match)  scan ${f(r.scanMs)}  index ${f(r.indexMs)}  before ${f(r.beforeMs)} ${(r.beforeMs / r.ms).toFixed(1).padStart(5)}×  LIKE ${f(r.likeMs)} (${r.likeN.toLocaleString('en')}) ${(r.likeMs / r.ms).toFixed(1).padStart(5)}×`;
};

it('100,000 items: stored with the run, and the items page filtered', () => {
  const dir = mkdtempSync(join(tmpdir(), 'greenlight-bench-items-'));
  try {
    const items = makeItems();
    const db = openDatabase(join(dir, 'greenlight.db'));
    // The store as it was before the word index: every migration but that one.
    const dbOld = openDatabase(join(dir, 'greenlight-old.db'), { migrations: migrations.filter((m) => m.name !== 'run items search index') });
    let k = 0;
    const storer = (into: Db) => {
      const p = upsertProject(into, { name: 'bench', path: dir });
      return (): string => {
        const id = `run-${k++}`;
        insertRun(into, { id, projectId: p.id, eval: 'e', version: '1.0.0', gitCommit: null, gitDirty: null, command: [], cwd: null, env: {}, status: 'running', logPath: null, runDir: dir, hardware: null, tier: null, gpu: null, timeoutMs: null, ownerPid: null });
        finishRun(into, id, { status: 'succeeded', exitCode: 0, logBytes: 0, items: [{ artefactPath: '/bench/eval-report.json', artefactKind: 'eval-report', items }] });
        return id;
      };
    };
    const store = storer(db);
    const storeOld = storer(dbOld);
    // Baseline: the same rows into a table with no index, one transaction, no excerpting.
    db.exec('CREATE TABLE bare (run_id TEXT, item_id TEXT, passed INTEGER, category TEXT, input TEXT, output TEXT)');
    const bare = db.prepare('INSERT INTO bare VALUES (?, ?, ?, ?, ?, ?)');
    const bareInsert = (): void => {
      db.exec('DELETE FROM bare');
      db.transaction(() => {
        for (const it of items) bare.run('r', it.id, it.passed ? 1 : 0, it.category, it.input, it.output);
      })();
    };
    // Interleaved, so both see the same load on a shared machine.
    const tStores: number[] = [];
    const tOlds: number[] = [];
    for (let r = 0; r < 3; r++) {
      tStores.push(time(0, store));
      tOlds.push(time(0, storeOld));
    }
    const tStore = median(tStores);
    const tOld = median(tOlds);
    const tBare = time(3, bareInsert);
    const run = store();
    const runOld = storeOld();

    const pageQueries: Array<[string, ItemQuery]> = [
      ['first page, no filter', {}],
      ['status fail', { status: 'fail' }],
      ['category spam', { category: 'spam' }],
      ['status fail + category spam', { status: 'fail', category: 'spam' }],
      ['text "payroll outage"', { search: 'payroll outage' }],
      ['text "item-99999" (one match)', { search: 'item-99999' }],
      ['fail + spam + text "refund"', { status: 'fail', category: 'spam', search: 'refund' }],
      ['status fail, page 20 (offset 4,000)', { status: 'fail', offset: 4_000 }],
    ];
    const base = time(21, () => queryItems(db, run, { limit: 200 }));
    const rows = pageQueries.map(([label, q]) => {
      const page = queryItems(db, run, { limit: 200, ...q });
      const ms = time(21, () => queryItems(db, run, { limit: 200, ...q }));
      return { label, total: page.total, ms };
    });
    // The same text searches answered the old way: the LIKE scan of every excerpt.
    const like = (q: ItemQuery): number => {
      const p = `%${(q.search ?? '').replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const cols = ['item_id', 'input', 'target', 'output', 'explanation', 'error'];
      const extra = `${q.status === 'fail' ? ' AND passed = 0' : ''}${q.category ? ' AND category = @category' : ''}`;
      const w = `run_id = @run${extra} AND (${cols.map((c) => `${c} LIKE @p ESCAPE '\\'`).join(' OR ')})`;
      const params = { run: runOld, p, ...(q.category ? { category: q.category } : {}) };
      dbOld.prepare(`SELECT * FROM run_items WHERE ${w} ORDER BY id LIMIT 200`).all(params);
      return (dbOld.prepare(`SELECT count(*) AS n FROM run_items WHERE ${w}`).get(params) as { n: number }).n;
    };
    const searches: Array<[string, ItemQuery]> = [
      ['"payroll outage" (two words)', { search: 'payroll outage' }],
      ['"item-99999" (one match)', { search: 'item-99999' }],
      ['"refund" + fail + spam', { status: 'fail', category: 'spam', search: 'refund' }],
      ['"refund" + fail (14,747 rows)', { status: 'fail', search: 'refund' }],
      ['"payroll outage" + pass', { status: 'pass', search: 'payroll outage' }],
      ['"pay" (a word start)', { search: 'pay' }],
      ['"p" (one letter: every p… word)', { search: 'p' }],
      ['"zebra" (no match)', { search: 'zebra' }],
    ];
    const searchRows = searches.map(([label, q]) => ({ label, ...measure(db, run, q, () => like(q)) }));
    // The same comparison on text with a language-like spread of words.
    const z = zipfItems();
    const storeZ = (into: Db, label: string): string => {
      const p = upsertProject(into, { name: 'bench', path: dir });
      const id = `zipf-${label}`;
      insertRun(into, { id, projectId: p.id, eval: 'e', version: '1.0.0', gitCommit: null, gitDirty: null, command: [], cwd: null, env: {}, status: 'running', logPath: null, runDir: dir, hardware: null, tier: null, gpu: null, timeoutMs: null, ownerPid: null });
      finishRun(into, id, { status: 'succeeded', exitCode: 0, logBytes: 0, items: [{ artefactPath: '/bench/zipf.json', artefactKind: 'eval-report', items: z.items }] });
      return id;
    };
    const zRun = storeZ(db, 'new');
    const zOld = storeZ(dbOld, 'old');
    const likeZ = (text: string): number => {
      const p = `%${text}%`;
      const w = `run_id = @run AND (item_id LIKE @p OR input LIKE @p OR target LIKE @p OR output LIKE @p OR explanation LIKE @p OR error LIKE @p)`;
      dbOld.prepare(`SELECT * FROM run_items WHERE ${w} ORDER BY id LIMIT 200`).all({ run: zOld, p });
      return (dbOld.prepare(`SELECT count(*) AS n FROM run_items WHERE ${w}`).get({ run: zOld, p }) as { n: number }).n;
    };
    const zQueries: Array<[string, string]> = [
      [`the commonest word ("${z.words[0]}")`, z.words[0]!],
      [`the 50th ("${z.words[49]}")`, z.words[49]!],
      [`the 2,000th ("${z.words[1999]}")`, z.words[1999]!],
      [`two words, 50th + 200th`, `${z.words[49]} ${z.words[199]}`],
      [`a 2-letter start ("${z.words[300]!.slice(0, 2)}")`, z.words[300]!.slice(0, 2)],
      ['"doc-99999" (one match)', 'doc-99999'],
    ];
    const zRows = zQueries.map(([label, text]) => ({ label, ...measure(db, zRun, { search: text }, () => likeZ(text)) }));
    db.close();
    dbOld.close();
    const f = (x: number): string => x.toFixed(1);
    console.log(
      [
        `items in the store: ${N.toLocaleString('en')} items, ~${Math.round(items[0]!.input!.length)} characters of input each`,
        `  store with the run's end (finishRun), word index: median ${f(tStore)} ms (${Math.round(N / (tStore / 1000)).toLocaleString('en')} items/s)`,
        `  store with the run's end, without the word index (same run, interleaved): median ${f(tOld)} ms — with the index ${(tStore / tOld).toFixed(2)}×`,
        `  baseline, same rows into an unindexed table: median ${f(tBare)} ms — ratio ${(tStore / tBare).toFixed(2)}× (without the index ${(tOld / tBare).toFixed(2)}×)`,
        `  items page (200 rows + total + categories), medians of 21; baseline first page unfiltered ${f(base)} ms:`,
        ...rows.map((r) => `    ${r.label.padEnd(40)} ${f(r.ms).padStart(7)} ms  ${(r.ms / base).toFixed(1).padStart(6)}×  (${r.total.toLocaleString('en')} match)`),
        `  text search, page of 200 + total: the plan picked (median of 11; scan = the rows the filters leave tested in JavaScript, index = exact words through the index),`,
        `  each plan forced, the index as asked before item-plan.ts, and the LIKE scan of the excerpts (medians of 5; LIKE finds substrings, so its count may differ); × = how many times faster the picked plan is:`,
        ...searchRows.map((r) => searchLine(r.label, r)),
        `  the same on 100,000 items of language-like text (5,000 words, Zipf s = 1.1, 95 words each):`,
        ...zRows.map((r) => searchLine(r.label, r)),
      ].join('\n'),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
