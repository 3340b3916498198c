/** The publishes, their steps and the audit log (migration 3). Never a secret in here. */
import { randomUUID } from 'node:crypto';
import type { Db } from '../store/db';

export const STEPS = ['write', 'commit', 'upload', 'tag', 'push'] as const;
export type StepName = (typeof STEPS)[number];
export type StepStatus = 'pending' | 'running' | 'done' | 'failed' | 'skipped';
export type PublishState = 'running' | 'failed' | 'published';

export interface PublishRow {
  id: string;
  project_id: string;
  run_id: string | null;
  version: string;
  tag: string;
  card_path: string;
  card_sha256: string;
  status: PublishState;
  override_reason: string | null;
  release_commit: string | null;
  hub_url: string | null;
  scorecard_url: string | null;
  created_at: string;
  updated_at: string;
}

export interface StepRow {
  publish_id: string;
  step: StepName;
  ord: number;
  status: StepStatus;
  message: string | null;
  detail_json: string | null;
  attempts: number;
  started_at: string | null;
  ended_at: string | null;
}

const now = (): string => new Date().toISOString();

export function publishFor(db: Db, projectId: string, version: string): PublishRow | undefined {
  return db.prepare('SELECT * FROM publishes WHERE project_id = ? AND version = ?').get(projectId, version) as PublishRow | undefined;
}

export function getPublish(db: Db, id: string): PublishRow | undefined {
  return db.prepare('SELECT * FROM publishes WHERE id = ?').get(id) as PublishRow | undefined;
}

export function latestPublish(db: Db, projectId: string): PublishRow | undefined {
  return db.prepare('SELECT * FROM publishes WHERE project_id = ? ORDER BY updated_at DESC, id DESC LIMIT 1').get(projectId) as PublishRow | undefined;
}

export function stepsOf(db: Db, publishId: string): StepRow[] {
  return db.prepare('SELECT * FROM publish_steps WHERE publish_id = ? ORDER BY ord').all(publishId) as StepRow[];
}

/** A new publish with every step pending, or the existing one's steps reset for a new card. */
export function startPublish(
  db: Db,
  p: Pick<PublishRow, 'project_id' | 'run_id' | 'version' | 'tag' | 'card_path' | 'card_sha256' | 'override_reason' | 'hub_url'>,
  existing?: PublishRow,
): PublishRow {
  return db.transaction(() => {
    const at = now();
    const id = existing?.id ?? randomUUID();
    if (existing) {
      db.prepare(
        `UPDATE publishes SET run_id = @run_id, tag = @tag, card_path = @card_path, card_sha256 = @card_sha256, status = 'running',
         override_reason = @override_reason, hub_url = @hub_url, release_commit = NULL, scorecard_url = NULL, updated_at = @at WHERE id = @id`,
      ).run({ ...p, id, at });
      db.prepare('DELETE FROM publish_steps WHERE publish_id = ?').run(id);
    } else {
      db.prepare(
        `INSERT INTO publishes (id, project_id, run_id, version, tag, card_path, card_sha256, status, override_reason, hub_url, created_at, updated_at)
         VALUES (@id, @project_id, @run_id, @version, @tag, @card_path, @card_sha256, 'running', @override_reason, @hub_url, @at, @at)`,
      ).run({ ...p, id, at });
    }
    const ins = db.prepare("INSERT INTO publish_steps (publish_id, step, ord, status) VALUES (?, ?, ?, 'pending')");
    STEPS.forEach((s, i) => ins.run(id, s, i));
    return getPublish(db, id) as PublishRow;
  })();
}

export function markStep(db: Db, publishId: string, step: StepName, status: StepStatus, message: string | null, detail?: unknown): void {
  const at = now();
  if (status === 'running') {
    db.prepare('UPDATE publish_steps SET status = ?, message = ?, attempts = attempts + 1, started_at = ?, ended_at = NULL WHERE publish_id = ? AND step = ?').run(status, message, at, publishId, step);
  } else {
    db.prepare('UPDATE publish_steps SET status = ?, message = ?, detail_json = ?, ended_at = ? WHERE publish_id = ? AND step = ?').run(
      status,
      message,
      detail === undefined ? null : JSON.stringify(detail),
      at,
      publishId,
      step,
    );
  }
  db.prepare('UPDATE publishes SET updated_at = ? WHERE id = ?').run(at, publishId);
}

export function updatePublish(db: Db, id: string, fields: Partial<Pick<PublishRow, 'status' | 'release_commit' | 'scorecard_url' | 'run_id'>>): void {
  const sets = Object.keys(fields).map((k) => `${k} = @${k}`);
  db.prepare(`UPDATE publishes SET ${[...sets, 'updated_at = @at'].join(', ')} WHERE id = @id`).run({ ...fields, id, at: now() });
}

export interface AuditEntry {
  action: 'override' | 'refused' | 'published';
  project_id: string;
  run_id: string | null;
  publish_id: string | null;
  version: string | null;
  decision: string | null;
  reason: string | null;
  detail?: unknown;
}

export function audit(db: Db, e: AuditEntry): void {
  db.prepare(
    `INSERT INTO audit_log (at, action, project_id, run_id, publish_id, version, decision, reason, actor, detail_json)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(now(), e.action, e.project_id, e.run_id, e.publish_id, e.version, e.decision, e.reason, process.env.USER ?? process.env.USERNAME ?? null, e.detail === undefined ? null : JSON.stringify(e.detail));
}
