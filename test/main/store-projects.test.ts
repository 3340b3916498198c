/** listProjects carries each project's latest run (one query, not one per project). */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDatabase } from '../../src/main/store/db';
import { getListedProject, listProjects, upsertProject } from '../../src/main/store/projects';
import { insertRun } from '../../src/main/store/run-records';
import { tempDir } from '../helpers/cli';

describe('listProjects', () => {
  it('each project with its latest run, or none', () => {
    const db = openDatabase(join(tempDir(), 'greenlight.db'));
    const a = upsertProject(db, { name: 'a', path: '/tmp/a' });
    const b = upsertProject(db, { name: 'b', path: '/tmp/b' });
    const run = (id: string, version: string, status: 'failed' | 'succeeded', createdAt: string): void =>
      insertRun(db, {
        id, projectId: a.id, eval: 'e', version, gitCommit: null, gitDirty: null, command: ['x'], cwd: '/tmp/a', env: {}, status,
        logPath: '/tmp/a/log', runDir: '/tmp/a/run', hardware: null, tier: 'base', gpu: null, timeoutMs: null, ownerPid: null, createdAt,
      });
    run('r2', '2.0.0', 'succeeded', '2026-01-02T00:00:00.000Z');
    run('r1', '1.0.0', 'failed', '2026-01-01T00:00:00.000Z');
    const rows = listProjects(db);
    const ra = rows.find((r) => r.id === a.id);
    expect(ra).toMatchObject({ name: 'a', latest_id: 'r2', latest_status: 'succeeded', latest_version: '2.0.0', latest_decision: null });
    expect(rows.find((r) => r.id === b.id)).toMatchObject({ name: 'b', latest_id: null, latest_status: null });
    expect(getListedProject(db, a.id)).toEqual(ra);
    expect(getListedProject(db, 'nope')).toBeUndefined();
    db.close();
  });
});
