/**
 * Runs search through the FTS5 trigram index means what it meant as four LIKEs: a run matches
 * when the text is a case-insensitive (ASCII) substring of its id, eval, version or project
 * name — for any text (short, quotes, %, _, backslashes, unicode), after renames, updates and
 * deletes, and for runs stored before the index existed.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../src/main/store/db';
import { migrations } from '../../src/main/store/migrations';
import { upsertProject } from '../../src/main/store/projects';
import { insertRun } from '../../src/main/store/run-records';
import { listRuns } from '../../src/main/store/runs';
import { tempDir } from '../helpers/cli';

const ALPHABET = ['a', 'B', 'c', '-', '_', '%', '\\', '"', "'", ' ', '0', '1', '.', 'é', 'É', 'ß', '😀', '*', ':', '('];
const text = (max: number) => fc.array(fc.constantFrom(...ALPHABET), { minLength: 0, maxLength: max }).map((a) => a.join(''));

function addRun(db: Db, projectId: string, id: string, ev: string | null, version: string | null, i: number): void {
  insertRun(db, {
    id, projectId, eval: ev, version, gitCommit: null, gitDirty: null, command: ['x'], cwd: '/tmp', env: {}, status: 'succeeded',
    logPath: null, runDir: '/tmp/run', hardware: null, tier: 'base', gpu: null, timeoutMs: null, ownerPid: null,
    createdAt: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
  });
}

/** The meaning, written out: SQLite's LIKE folds ASCII letters only. */
const fold = (s: string): string => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
function expected(rows: Array<{ id: string; eval: string | null; version: string | null; project: string }>, q: string): string[] {
  const needle = fold(q);
  return rows.filter((r) => [r.id, r.eval, r.version, r.project].some((v) => v !== null && fold(v).includes(needle))).map((r) => r.id).sort();
}

describe('runs search', () => {
  it('finds exactly the runs a substring match finds, for any text', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ ev: fc.option(text(8)), version: fc.option(text(6)) }), { minLength: 1, maxLength: 12 }),
        fc.array(text(5), { minLength: 1, maxLength: 8 }),
        text(6),
        (runs, queries, rename) => {
          const db = openDatabase(':memory:');
          const p1 = upsertProject(db, { name: 'Alpha-é', path: '/tmp/p1' });
          const p2 = upsertProject(db, { name: 'be_ta%', path: '/tmp/p2' });
          const rows = runs.map((r, i) => {
            const project = i % 2 ? p2 : p1;
            const id = [...`run-${i}${r.ev ?? ''}`].slice(0, 12).join('') + `#${i}`;
            addRun(db, project.id, id, r.ev, r.version, i);
            return { id, eval: r.ev, version: r.version, project: project.name, projectId: project.id };
          });
          // Rename a project and change one run's version: the index follows.
          db.prepare('UPDATE projects SET name = ? WHERE id = ?').run(rename, p2.id);
          for (const r of rows) if (r.projectId === p2.id) r.project = rename;
          db.prepare('UPDATE runs SET version = ? WHERE id = ?').run('9.9-Z', rows[0]!.id);
          rows[0]!.version = '9.9-Z';
          if (rows.length > 2) {
            db.prepare('DELETE FROM runs WHERE id = ?').run(rows[1]!.id);
            rows.splice(1, 1);
          }
          for (const q of [...queries, rows[0]!.id, 'a', 'É']) {
            if (q === '') continue;
            const got = listRuns(db, { limit: 1000, offset: 0, search: q });
            const want = expected(rows, q);
            expect(got.runs.map((r) => r.id).sort(), `search ${JSON.stringify(q)}`).toEqual(want);
            expect(got.total).toBe(want.length);
          }
          db.close();
        },
      ),
      { numRuns: 150, seed: 14 },
    );
  });

  it('indexes the runs stored before the index existed', () => {
    const file = join(tempDir(), 'greenlight.db');
    const before = migrations.filter((m) => m.name !== 'runs search index');
    const old = openDatabase(file, { migrations: before });
    const p = upsertProject(old, { name: 'email-triage', path: '/tmp/e' });
    addRun(old, p.id, 'run-old-1', 'benchmark', '1.2.0', 0);
    old.close();
    const db = openDatabase(file);
    expect(listRuns(db, { limit: 10, offset: 0, search: 'TRIAGE' }).runs.map((r) => r.id)).toEqual(['run-old-1']);
    expect(listRuns(db, { limit: 10, offset: 0, search: '1.2.0' }).total).toBe(1);
    db.close();
  });
});
