/** Queries on runs: listing with filters and pagination, fetching one. */
import type { Db } from './db';
import type { RunListQuery, RunSummary, RunStatus, DecisionName } from '../../shared/schemas';

export interface RunRow {
  id: string;
  project_id: string;
  project_name: string;
  eval: string | null;
  version: string | null;
  status: RunStatus;
  decision: DecisionName | null;
  failure_class: string | null;
  started_at: string | null;
  ended_at: string | null;
  aa_partner?: string | null;
}

export function toRunSummary(r: RunRow): RunSummary {
  return {
    id: r.id,
    projectId: r.project_id,
    project: r.project_name,
    eval: r.eval,
    version: r.version,
    status: r.status,
    decision: r.decision,
    failureClass: r.failure_class,
    startedAt: r.started_at,
    endedAt: r.ended_at,
    // Only on half of an A/A pair: the runs list marks it and links its noise floor.
    ...(r.aa_partner ? { aaPartner: r.aa_partner } : {}),
  };
}

const SELECT = `SELECT r.id, r.project_id, p.name AS project_name, r.eval, r.version, r.status, r.decision,
  r.failure_class, r.started_at, r.ended_at, r.aa_partner FROM runs r JOIN projects p ON p.id = r.project_id`;

export function listRuns(db: Db, q: Required<Pick<RunListQuery, 'limit' | 'offset'>> & RunListQuery): { total: number; runs: RunSummary[] } {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  const exact = { projectId: 'r.project_id', status: 'r.status', version: 'r.version', decision: 'r.decision' } as const;
  for (const [key, column] of Object.entries(exact) as Array<[keyof typeof exact, string]>) {
    if (q[key] === undefined) continue;
    where.push(`${column} = @${key}`);
    params[key] = q[key];
  }
  if (q.search) {
    // The trigram index narrows the runs to a handful (it needs 3 characters); the LIKEs then
    // keep the meaning exact: a case-insensitive (ASCII) substring of id, eval, version or project.
    if ([...q.search].length >= 3) {
      where.push('r.id IN (SELECT run_id FROM runs_search WHERE runs_search MATCH @phrase)');
      params.phrase = `{id_text eval version project}: "${q.search.replace(/"/g, '""')}"`;
    }
    where.push("(r.id LIKE @search ESCAPE '\\' OR r.eval LIKE @search ESCAPE '\\' OR r.version LIKE @search ESCAPE '\\' OR p.name LIKE @search ESCAPE '\\')");
    params.search = `%${q.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  }
  const clause = where.length ? ` WHERE ${where.join(' AND ')}` : '';
  const total = (db.prepare(`SELECT COUNT(*) AS n FROM runs r JOIN projects p ON p.id = r.project_id${clause}`).get(params) as { n: number }).n;
  const rows = db
    .prepare(`${SELECT}${clause} ORDER BY r.created_at DESC, r.id DESC LIMIT @limit OFFSET @offset`)
    .all({ ...params, limit: q.limit, offset: q.offset }) as RunRow[];
  return { total, runs: rows.map(toRunSummary) };
}

export function getRun(db: Db, id: string): RunSummary | null {
  const row = db.prepare(`${SELECT} WHERE r.id = ?`).get(id) as RunRow | undefined;
  return row ? toRunSummary(row) : null;
}

/** Just a run's status and log file: enough to check it exists, can be cancelled, or to read its log. */
export function getRunState(db: Db, id: string): { status: RunStatus; logPath: string | null } | null {
  const row = db.prepare('SELECT status, log_path FROM runs WHERE id = ?').get(id) as { status: RunStatus; log_path: string | null } | undefined;
  return row ? { status: row.status, logPath: row.log_path } : null;
}
