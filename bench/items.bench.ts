/**
 * A run's items in the store (issue 13): 100,000 items written with the run's end, and the
 * items page filtered by status, category and text. Medians of repeated runs, each against
 * a baseline measured in the same run: writing the same rows with no index and no excerpts,
 * and reading one page with no filter.
 */
import { it } from 'vitest';
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { openDatabase } from '../src/main/store/db';
import { upsertProject } from '../src/main/store/projects';
import { finishRun, insertRun } from '../src/main/store/run-records';
import { queryItems } from '../src/main/store/run-items';
import type { Item, ItemQuery } from '../src/core/items';
import { mulberry32 } from '../src/core/stats';

const N = 100_000;
const CATEGORIES = ['billing', 'support', 'sales', 'spam', 'urgent', 'newsletter', 'legal', 'hr'];
const WORDS = 'the invoice order account refund login error meeting price demo prize newsletter update contract payroll server outage'.split(' ');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

function time(reps: number, fn: () => unknown): number {
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

it('100,000 items: stored with the run, and the items page filtered', () => {
  const dir = mkdtempSync(join(tmpdir(), 'greenlight-bench-items-'));
  try {
    const items = makeItems();
    const db = openDatabase(join(dir, 'greenlight.db'));
    const p = upsertProject(db, { name: 'bench', path: dir });
    let k = 0;
    const store = (): string => {
      const id = `run-${k++}`;
      insertRun(db, { id, projectId: p.id, eval: 'e', version: '1.0.0', gitCommit: null, gitDirty: null, command: [], cwd: null, env: {}, status: 'running', logPath: null, runDir: dir, hardware: null, tier: null, gpu: null, timeoutMs: null, ownerPid: null });
      finishRun(db, id, { status: 'succeeded', exitCode: 0, logBytes: 0, items: [{ artefactPath: '/bench/eval-report.json', artefactKind: 'eval-report', items }] });
      return id;
    };
    // Baseline: the same rows into a table with no index, one transaction, no excerpting.
    db.exec('CREATE TABLE bare (run_id TEXT, item_id TEXT, passed INTEGER, category TEXT, input TEXT, output TEXT)');
    const bare = db.prepare('INSERT INTO bare VALUES (?, ?, ?, ?, ?, ?)');
    const bareInsert = (): void => {
      db.exec('DELETE FROM bare');
      db.transaction(() => {
        for (const it of items) bare.run('r', it.id, it.passed ? 1 : 0, it.category, it.input, it.output);
      })();
    };
    const tStore = time(3, store);
    const tBare = time(3, bareInsert);
    const run = store();

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
    db.close();
    const f = (x: number): string => x.toFixed(1);
    console.log(
      [
        `items in the store: ${N.toLocaleString('en')} items, ~${Math.round(items[0]!.input!.length)} characters of input each`,
        `  store with the run's end (finishRun): median ${f(tStore)} ms (${Math.round(N / (tStore / 1000)).toLocaleString('en')} items/s)`,
        `  baseline, same rows into an unindexed table: median ${f(tBare)} ms — ratio ${(tStore / tBare).toFixed(2)}×`,
        `  items page (200 rows + total + categories), medians of 21; baseline first page unfiltered ${f(base)} ms:`,
        ...rows.map((r) => `    ${r.label.padEnd(40)} ${f(r.ms).padStart(7)} ms  ${(r.ms / base).toFixed(1).padStart(6)}×  (${r.total.toLocaleString('en')} match)`),
      ].join('\n'),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
