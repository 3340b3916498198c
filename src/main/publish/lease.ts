/**
 * One publish per project at a time. Two publishes racing (a double click, the console and a
 * CLI) could each see a step as not yet done and do it twice; the lease makes the second one
 * wait its turn. A lease whose owner process is gone (a crash) is taken over.
 */
import type { Db } from '../store/db';
import { isAlive } from '../runner/pid';

export type Lease = { ok: true; release: () => void } | { ok: false; heldBy: number; since: string };

export function acquirePublishLease(db: Db, projectId: string, pid: number = process.pid): Lease {
  const take = db.transaction((): Lease => {
    const row = db.prepare('SELECT owner_pid, acquired_at FROM publish_leases WHERE project_id = ?').get(projectId) as
      | { owner_pid: number; acquired_at: string }
      | undefined;
    if (row && isAlive(row.owner_pid)) return { ok: false, heldBy: row.owner_pid, since: row.acquired_at };
    db.prepare('INSERT OR REPLACE INTO publish_leases (project_id, owner_pid, acquired_at) VALUES (?, ?, ?)').run(projectId, pid, new Date().toISOString());
    return {
      ok: true,
      release: () => {
        db.prepare('DELETE FROM publish_leases WHERE project_id = ? AND owner_pid = ?').run(projectId, pid);
      },
    };
  });
  return take.immediate();
}
