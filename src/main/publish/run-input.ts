/**
 * What publishing takes from a run: its decision and its rendered scorecard. Read from the
 * columns of the first runs table only, so it does not depend on how the runner fills the rest.
 */
import type { Db } from '../store/db';

export interface PublishInput {
  runId: string;
  projectId: string;
  version: string | null;
  gitCommit: string | null;
  status: string;
  decision: string | null;
  failureClass: string | null;
  scorecardMarkdown: string | null;
}

interface Row {
  id: string;
  project_id: string;
  version: string | null;
  git_commit: string | null;
  status: string;
  decision: string | null;
  failure_class: string | null;
  scorecard: string | null;
}

const toInput = (r: Row): PublishInput => ({
  runId: r.id,
  projectId: r.project_id,
  version: r.version,
  gitCommit: r.git_commit,
  status: r.status,
  decision: r.decision,
  failureClass: r.failure_class,
  scorecardMarkdown: r.scorecard,
});

const COLUMNS = 'id, project_id, version, git_commit, status, decision, failure_class, scorecard';

export function runForPublish(db: Db, runId: string): PublishInput | null {
  const r = db.prepare(`SELECT ${COLUMNS} FROM runs WHERE id = ?`).get(runId) as Row | undefined;
  return r ? toInput(r) : null;
}

/** The project's latest run (the one `publish` takes when no run is named). */
export function latestRunForPublish(db: Db, projectId: string): PublishInput | null {
  const r = db.prepare(`SELECT ${COLUMNS} FROM runs WHERE project_id = ? ORDER BY created_at DESC, id DESC LIMIT 1`).get(projectId) as Row | undefined;
  return r ? toInput(r) : null;
}
