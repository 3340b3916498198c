import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDatabase } from '../../../src/main/store/db';
import { upsertProject } from '../../../src/main/store/projects';
import { finishRun, insertRun } from '../../../src/main/store/run-records';
import { itemOutcomes, queryItems } from '../../../src/main/store/run-items';
import { ITEM_EXCERPT_CHARS, type Item } from '../../../src/core/items';
import { tempDir } from '../../helpers/cli';

function runWith(items: Item[]) {
  const db = openDatabase(join(tempDir(), 'greenlight.db'));
  const p = upsertProject(db, { name: 'p', path: tempDir() });
  insertRun(db, { id: 'r1', projectId: p.id, eval: 'e', version: '1', gitCommit: null, gitDirty: null, command: [], cwd: null, env: {}, status: 'running', logPath: null, runDir: tempDir(), hardware: null, tier: null, gpu: null, timeoutMs: null, ownerPid: null });
  finishRun(db, 'r1', { status: 'succeeded', exitCode: 0, logBytes: 0, items: [{ artefactPath: '/x/eval-report.json', artefactKind: 'eval-report', items }] });
  return db;
}

describe('run items in the store', () => {
  const items: Item[] = [
    { id: 'a', passed: true, score: 1, category: 'billing', input: 'Invoice 42 is overdue', output: 'billing' },
    { id: 'b', passed: false, score: 0, category: 'spam', input: 'WIN 100% a prize_now', output: 'sales', fields: { passage_id: 'p7' } },
    { id: 'c', passed: false, score: 0, category: 'billing', epoch: 2, input: 'x'.repeat(ITEM_EXCERPT_CHARS + 10) },
  ];

  it('filters by status, category and text, and keeps the extra fields', () => {
    const db = runWith(items);
    expect(queryItems(db, 'r1').total).toBe(3);
    expect(queryItems(db, 'r1', { status: 'fail' }).items.map((i) => i.id)).toEqual(['b', 'c']);
    expect(queryItems(db, 'r1', { status: 'pass', category: 'billing' }).items.map((i) => i.id)).toEqual(['a']);
    expect(queryItems(db, 'r1', { search: 'invoice' }).items.map((i) => i.id)).toEqual(['a']);
    // Words and word starts (item-search.ts): punctuation only separates words.
    expect(queryItems(db, 'r1', { search: '100%' }).items.map((i) => i.id)).toEqual(['b']);
    expect(queryItems(db, 'r1', { search: 'a_prize' }).items.map((i) => i.id)).toEqual(['b']);
    expect(queryItems(db, 'r1', { search: 'overd' }).items.map((i) => i.id)).toEqual(['a']);
    expect(queryItems(db, 'r1', { search: 'voice' }).items).toEqual([]);
    // A text with no letter or digit is a substring, LIKE wildcards taken literally.
    expect(queryItems(db, 'r1', { search: '%' }).items.map((i) => i.id)).toEqual(['b']);
    expect(queryItems(db, 'r1', { search: '%_' }).items).toEqual([]);
    expect(queryItems(db, 'r1', { ids: ['c', 'zz'] }).items.map((i) => i.id)).toEqual(['c']);
    const b = queryItems(db, 'r1', { search: 'prize' }).items[0];
    expect(b?.fields).toEqual({ passage_id: 'p7' });
    expect(queryItems(db, 'r1').categories).toEqual(['billing', 'spam']);
  });

  it('keeps a bounded excerpt and says it was cut', () => {
    const db = runWith(items);
    const c = queryItems(db, 'r1', { ids: ['c'] }).items[0];
    expect(c?.input?.length).toBe(ITEM_EXCERPT_CHARS);
    expect(c?.truncated).toBe(true);
    expect(c?.epoch).toBe(2);
  });

  it('pairs on id and epoch', () => {
    const db = runWith(items);
    expect([...itemOutcomes(db, 'r1')].map(([k, o]) => [k, o.passed])).toEqual([['a', true], ['b', false], ['c#2', false]]);
  });

  it('a finished run written again replaces its items', () => {
    const db = runWith(items);
    finishRun(db, 'r1', { status: 'succeeded', exitCode: 0, logBytes: 0, items: [] });
    expect(queryItems(db, 'r1').total).toBe(0);
  });
});
