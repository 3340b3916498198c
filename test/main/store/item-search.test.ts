/**
 * Items text search through the word index (migration 10) means what item-search.ts says:
 * for a query with a letter or digit, each of its words the start of a word somewhere in the
 * id or the texts, any case, any order; for a query without one, a case-insensitive (ASCII)
 * substring. Checked against a scan written out here, for any text (quotes, FTS5
 * syntax characters, %, _, unicode), after items are replaced and runs deleted, and for items
 * stored before the index existed.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../../src/main/store/db';
import { migrations } from '../../../src/main/store/migrations';
import { upsertProject } from '../../../src/main/store/projects';
import { finishRun, insertRun } from '../../../src/main/store/run-records';
import { queryItems } from '../../../src/main/store/run-items';
import type { Item } from '../../../src/core/items';
import { tempDir } from '../../helpers/cli';

const ALPHABET = ['a', 'B', 'b', 'c', 'A', '-', '_', '%', '\\', '"', "'", ' ', ' ', '0', '1', '.', 'é', 'É', 'ß', '😀', '*', ':', '(', '^', '+', '\uD800', 'Ω', 'ω'];
const text = (max: number) => fc.array(fc.constantFrom(...ALPHABET), { minLength: 0, maxLength: max }).map((a) => a.join(''));
const TEXTS = ['input', 'target', 'output', 'explanation', 'error'] as const;

/** The meaning, written out. Words: runs of letters and digits, folded to lower case. */
const words = (s: string): string[] => s.toLowerCase().split(/[^\p{L}\p{N}\p{Co}]+/u).filter((w) => w !== '');
/** Every query word starts some word of some field. */
function wordMatch(fields: string[], q: string[]): boolean {
  const t = fields.flatMap(words);
  return q.every((w) => t.some((x) => x.startsWith(w)));
}
const asciiFold = (s: string): string => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
function expected(items: Item[], query: string): string[] {
  const q = query.trim();
  const fields = (it: Item): string[] => [it.id, ...TEXTS.flatMap((k) => (it[k] !== undefined ? [it[k]] : []))];
  const qw = words(q);
  const hit = (it: Item): boolean => (qw.length > 0 ? wordMatch(fields(it), qw) : fields(it).some((f) => asciiFold(f).includes(asciiFold(q))));
  return items.filter(hit).map((it) => it.id);
}

function store(db: Db, projectId: string, runId: string, items: Item[]): void {
  insertRun(db, { id: runId, projectId, eval: 'e', version: '1', gitCommit: null, gitDirty: null, command: [], cwd: null, env: {}, status: 'running', logPath: null, runDir: '/tmp/r', hardware: null, tier: null, gpu: null, timeoutMs: null, ownerPid: null });
  finishRun(db, runId, { status: 'succeeded', exitCode: 0, logBytes: 0, items: [{ artefactPath: '/x/eval-report.json', artefactKind: 'eval-report', items }] });
}

const itemArb = fc.record({ input: fc.option(text(14), { nil: undefined }), output: fc.option(text(6), { nil: undefined }), error: fc.option(text(5), { nil: undefined }) });

describe('items text search', () => {
  it('finds exactly the items the written-out meaning finds, for any text', () => {
    fc.assert(
      fc.property(
        fc.array(itemArb, { minLength: 1, maxLength: 10 }),
        fc.array(itemArb, { minLength: 0, maxLength: 4 }),
        fc.array(text(5), { minLength: 1, maxLength: 8 }),
        (raw, replacement, queries) => {
          const db = openDatabase(':memory:');
          const p = upsertProject(db, { name: 'p', path: '/tmp/p' });
          const mk = (r: (typeof raw)[number], i: number, tag: string): Item => ({ id: `${tag}-${i}${[...(r.output ?? '')].slice(0, 2).join('').replace(/[\uD800-\uDFFF]/gu, '?')}`, passed: i % 2 === 0, ...Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) });
          let items = raw.map((r, i) => mk(r, i, 'It'));
          store(db, p.id, 'r1', items);
          // Another run's items are in the index too, and never answer for r1.
          store(db, p.id, 'r2', raw.map((r, i) => mk(r, i, 'other')));
          // A finished run written again replaces its items; a deleted run takes its words along.
          if (replacement.length > 0) {
            items = replacement.map((r, i) => mk(r, i, 'new'));
            finishRun(db, 'r1', { status: 'succeeded', exitCode: 0, logBytes: 0, items: [{ artefactPath: '/x/eval-report.json', artefactKind: 'eval-report', items }] });
          }
          db.prepare('DELETE FROM runs WHERE id = ?').run('r2');
          for (const q of [...queries, items[0]!.id, items[0]!.input ?? 'a', 'it', 'É', '%', '"']) {
            if (q.trim() === '') continue;
            const want = expected(items, q);
            // Every plan (item-plan.ts): the one the store picks, testing the rows, the index.
            for (const plan of [undefined, 'scan', 'index'] as const) {
              const got = queryItems(db, 'r1', { search: q, limit: 1000 }, { plan });
              expect(got.items.map((i) => i.id), `search ${JSON.stringify(q)}, plan ${plan ?? 'picked'}`).toEqual(want);
              expect(got.total).toBe(want.length);
            }
          }
          // Nothing of the deleted run is left in the index.
          expect((db.prepare("SELECT count(*) AS n FROM run_items_search WHERE run_items_search MATCH 'other'").get() as { n: number }).n).toBe(0);
          db.close();
        },
      ),
      { numRuns: 150, seed: 18 },
    );
  });

  it('indexes the items stored before the index existed', () => {
    const file = join(tempDir(), 'greenlight.db');
    const old = openDatabase(file, { migrations: migrations.filter((m) => m.name !== 'run items search index') });
    const p = upsertProject(old, { name: 'email-triage', path: '/tmp/e' });
    store(old, p.id, 'r1', [{ id: 'email-1', passed: true, input: 'Your invoice is OVERDUE' }, { id: 'email-2', passed: false, input: 'Meeting moved' }]);
    old.close();
    const db = openDatabase(file);
    expect(queryItems(db, 'r1', { search: 'overdue' }).items.map((i) => i.id)).toEqual(['email-1']);
    expect(queryItems(db, 'r1', { search: 'email' }).total).toBe(2);
    expect(queryItems(db, 'r1', { search: 'email-2' }).items.map((i) => i.id)).toEqual(['email-2']);
    db.close();
  });
});
