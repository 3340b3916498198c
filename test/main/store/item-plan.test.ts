/**
 * The plans of an items word search (item-plan.ts) find the same items: testing the rows in
 * JavaScript (`scan`) against the word index (`index`), for any Unicode text, with filters and
 * pages; which plan the store picks for few rows and for many; and the tokenizer tables are
 * what the bundled SQLite's unicode61 does with every code point.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../../src/main/store/db';
import { upsertProject } from '../../../src/main/store/projects';
import { finishRun, insertRun } from '../../../src/main/store/run-records';
import { queryItems } from '../../../src/main/store/run-items';
import { FEW_ROWS, searchItems } from '../../../src/main/store/item-plan';
import { words } from '../../../src/main/store/item-words';
import type { Item, ItemQuery } from '../../../src/core/items';

function store(db: Db, runId: string, items: Item[]): void {
  const p = upsertProject(db, { name: 'p', path: '/tmp/p' });
  insertRun(db, { id: runId, projectId: p.id, eval: 'e', version: '1', gitCommit: null, gitDirty: null, command: [], cwd: null, env: {}, status: 'running', logPath: null, runDir: '/tmp/r', hardware: null, tier: null, gpu: null, timeoutMs: null, ownerPid: null });
  finishRun(db, runId, { status: 'succeeded', exitCode: 0, logBytes: 0, items: [{ artefactPath: '/x/eval-report.json', artefactKind: 'eval-report', items }] });
}
const ids = (db: Db, q: ItemQuery, plan?: 'scan' | 'index'): { ids: string[]; total: number } => {
  const page = queryItems(db, 'r1', q, { plan });
  return { ids: page.items.map((i) => i.id), total: page.total };
};

// Hostile characters for the tokenizer: combining marks (kept inside a word, never starting
// one), final and capital sigma, the Kelvin sign (folds to k), dotted I, ligatures, an astral
// letter with a case (Deseret), CJK, digits of other scripts, a lone surrogate, private use.
const HOSTILE = ['a', 'K', 'k', '\u212A', 'Σ', 'σ', 'ς', 'İ', 'i', 'ı', 'ß', 'ẞ', 'ﬁ', '\u0301', '\u0300', '\u0308', 'e', 'é', '𐐀', '𐐨', '中', '٣', '3', '\uD800', '\uE000', '-', ' ', '_', '"', '*', 'ǅ', 'Ǆ', 'ǆ', '\u0590', '\u2028'];
const hostile = (max: number) => fc.array(fc.constantFrom(...HOSTILE), { maxLength: max }).map((a) => a.join(''));
const anyText = (max: number) => fc.oneof(hostile(max), fc.string({ unit: 'grapheme-ascii', maxLength: max }), fc.string({ unit: 'grapheme', maxLength: max }), fc.string({ unit: 'binary', maxLength: max }));

describe('items word search plans', () => {
  it('the JavaScript word test finds exactly what the index finds, for any Unicode text, filters and pages', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ input: anyText(16), error: fc.option(anyText(6), { nil: undefined }), passed: fc.boolean() }), { minLength: 1, maxLength: 12 }),
        fc.array(anyText(6), { minLength: 1, maxLength: 6 }),
        fc.constantFrom<ItemQuery>({}, { status: 'fail' }, { limit: 2 }, { limit: 2, offset: 1 }, { status: 'pass', limit: 1, offset: 1 }),
        (raw, queries, filter) => {
          const db = openDatabase(':memory:');
          const items: Item[] = raw.map((r, i) => ({ id: `it-${i}`, passed: r.passed, input: r.input, ...(r.error !== undefined ? { error: r.error } : {}) }));
          store(db, 'r1', items);
          // Queries from the items themselves (whole words, word starts, changed case) find something.
          const own = items.flatMap((it) => words(it.input ?? '').slice(0, 2)).flatMap((w) => [w, [...w].slice(0, 1).join(''), w.toUpperCase()]);
          for (const q of [...queries, ...own, `${own[0] ?? ''} ${own[1] ?? ''}`]) {
            if (q.trim() === '') continue;
            const scan = ids(db, { ...filter, search: q }, 'scan');
            expect(ids(db, { ...filter, search: q }, 'index'), `search ${JSON.stringify(q)}`).toEqual(scan);
          }
          db.close();
        },
      ),
      { numRuns: 200, seed: 14 },
    );
  });

  it('unicode and case, as the index folds them, through every plan', () => {
    const db = openDatabase(':memory:');
    store(db, 'r1', [
      { id: 'sigma', input: 'ΟΔΥΣΣΕΥΣ sailed' },
      { id: 'kelvin', input: '300 \u212Aelvin' },
      { id: 'accent', input: 'cafe\u0301 noir' },
      { id: 'mark-first', input: '\u0301ecole' },
      { id: 'deseret', input: '𐐀𐐩𐐻' },
      { id: 'strasse', input: 'STRASSE straße' },
    ]);
    const cases: Array<[string, string[]]> = [
      ['οδυσσευς', ['sigma']], // capital sigma folds to σ, final ς too
      ['ΟΔΥΣΣΕΥς', ['sigma']],
      ['kelvin', ['kelvin']], // the Kelvin sign folds to k
      ['café', []], // a precomposed é is not e + combining acute
      ['cafe\u0301', ['accent']],
      ['cafe', ['accent']], // a word start: the combining mark continues the word
      ['ecole', ['mark-first']], // a combining mark never starts a word: it separates
      ['𐐨𐐩', ['deseret']], // an astral letter folds
      ['straße', ['strasse']],
      ['STRAẞE', ['strasse']], // capital sharp s (U+1E9E) folds to ß
      ['SAILED ΟΔΥΣ', ['sigma']],
    ];
    for (const [q, want] of cases) {
      for (const plan of [undefined, 'scan', 'index'] as const) expect(ids(db, { search: q }, plan).ids, `${q} ${plan ?? 'picked'}`).toEqual(want);
    }
    db.close();
  });

  it('picks testing the rows when the filters leave few, the index when they leave many, and both agree there', () => {
    const db = openDatabase(':memory:');
    const n = FEW_ROWS + 500;
    // "payroll" in every item, "refund" in every tenth, one rare id; failures are one in ten.
    store(db, 'r1', Array.from({ length: n }, (_, i) => ({ id: `item-${i}`, passed: i % 10 !== 3, category: i % 2 ? 'spam' : 'billing', input: `payroll ${i % 10 === 0 ? 'Refunds' : 'outage'} pay` })));
    store(db, 'r2', [{ id: 'item-1', passed: true, input: 'payroll refund' }]);
    const base = (extra: string, params: unknown[]) => ({ sql: `r.run_id = ?${extra}`, params: ['r1', ...params], narrowed: extra !== '' });
    const pick = (b: ReturnType<typeof base>, text: string) => searchItems(db, { runId: 'r1', base: b, text, limit: 200, offset: 0 }).plan;
    expect(pick(base(' AND r.passed = 0', []), 'refund')).toBe('scan');
    expect(pick(base(' AND r.passed = 0 AND r.category = ?', ['spam']), 'pay')).toBe('scan');
    expect(pick(base('', []), 'refund')).toBe('index');
    expect(pick(base(' AND r.passed = 1', []), 'payroll outage')).toBe('index');
    const queries: ItemQuery[] = [
      { search: 'payroll' }, // every item: a full page, the total counted in the index alone
      { search: 'PAY' }, // a word start of two words
      { search: 'p' }, // one letter
      { search: 'refund', offset: 300 }, // a later page
      { search: 'payroll outage', status: 'pass' }, // common words, a broad filter
      { search: 'refund', status: 'fail', category: 'spam' }, // a narrow filter
      { search: 'item-4321' }, // one match
      { search: 'zebra' }, // none
      { search: 'item 1' }, // "1" starts 1,111 of the index's words: left a prefix query
    ];
    for (const q of queries) {
      const picked = ids(db, q);
      expect(ids(db, q, 'scan'), JSON.stringify(q)).toEqual(picked);
      expect(ids(db, q, 'index'), JSON.stringify(q)).toEqual(picked);
    }
    expect(ids(db, { search: 'payroll' }).total).toBe(n);
    expect(ids(db, { search: 'refund', offset: 300 }).total).toBe(Math.ceil(n / 10));
    expect(ids(db, { search: 'item-4321' }).ids).toEqual(['item-4321']);
    expect(ids(db, { search: 'item 1' }).total).toBe(1 + 10 + 100 + 1000);
    db.close();
  });

  it("counts only the run's rows when another run's rows lie among them", () => {
    const db = openDatabase(':memory:');
    store(db, 'r1', Array.from({ length: 300 }, (_, i) => ({ id: `a-${i}`, input: 'payroll' })));
    store(db, 'r2', [{ id: 'b-0', input: 'payroll' }]);
    // A row of r1 written after r2's: r1's rows are no longer one stretch of the table.
    db.prepare("INSERT INTO run_items (run_id, artefact_path, artefact_kind, item_id, input) VALUES ('r1', '/x', 'eval-report', 'a-late', 'payroll')").run();
    for (const plan of [undefined, 'scan', 'index'] as const) {
      const page = queryItems(db, 'r1', { search: 'payroll', limit: 100, offset: 250 }, { plan });
      expect(page.total, plan).toBe(301);
      expect(page.items.map((i) => i.id).slice(-2), plan).toEqual(['a-299', 'a-late']);
    }
    db.close();
  });

  it("the tokenizer tables are what the bundled SQLite's unicode61 does with every code point", { timeout: 120_000 }, () => {
    const root = join(__dirname, '..', '..', '..');
    expect(() => execFileSync(process.execPath, [join(root, 'scripts', 'build-unicode61.mjs'), '--check'], { cwd: root, stdio: 'pipe' })).not.toThrow();
  });
});
