import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { openDatabase } from '../../../src/main/store/db';
import { upsertProject } from '../../../src/main/store/projects';
import { acquirePublishLease } from '../../../src/main/publish/lease';
import { tempDir } from '../../helpers/cli';

function store(): { db: ReturnType<typeof openDatabase>; projectId: string } {
  const db = openDatabase(join(tempDir(), 'greenlight.db'));
  const p = upsertProject(db, { name: 'agent', path: tempDir() });
  return { db, projectId: p.id };
}

describe('one publish per project at a time', () => {
  it('refuses a second publish while the first holds the lease, and allows it after', () => {
    const { db, projectId } = store();
    const first = acquirePublishLease(db, projectId);
    expect(first.ok).toBe(true);
    const second = acquirePublishLease(db, projectId);
    expect(second).toMatchObject({ ok: false, heldBy: process.pid });
    if (first.ok) first.release();
    const third = acquirePublishLease(db, projectId);
    expect(third.ok).toBe(true);
    if (third.ok) third.release();
  });

  it('another project is not held up', () => {
    const { db, projectId } = store();
    const other = upsertProject(db, { name: 'other', path: tempDir() });
    const a = acquirePublishLease(db, projectId);
    expect(acquirePublishLease(db, other.id).ok).toBe(true);
    if (a.ok) a.release();
  });

  it('takes over the lease of a process that died mid-publish', () => {
    const { db, projectId } = store();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const deadPid = Number(dead.stdout);
    expect(acquirePublishLease(db, projectId, deadPid).ok).toBe(true); // recorded as the dead process's
    const next = acquirePublishLease(db, projectId);
    expect(next.ok).toBe(true);
  });
});
