/** Fetching one run in full: the record, its artefacts, metrics, gate results and latest telemetry. */
import type { Db } from './db';
import { storedRunMetrics } from './run-metrics';
import { toRunSummary, type RunRow } from './runs';
import type { RunDetail } from '../../shared/schemas';

interface DetailRow extends RunRow {
  project_path: string;
  tier: string | null;
  git_commit: string | null;
  git_dirty: number | null;
  command_json: string | null;
  cwd: string | null;
  env_json: string | null;
  exit_code: number | null;
  log_path: string | null;
  log_bytes: number | null;
  run_dir: string | null;
  hardware: string | null;
  gpu: string | null;
  timeout_ms: number | null;
  progress_json: string | null;
  aggregate_json: string | null;
  scorecard: string | null;
  notes_json: string | null;
}

const parse = <T>(s: string | null, fallback: T): T => {
  if (s === null) return fallback;
  try {
    return JSON.parse(s) as T;
  } catch {
    return fallback;
  }
};

export function getRunDetail(db: Db, id: string): RunDetail | null {
  const row = db
    .prepare(
      `SELECT r.*, p.name AS project_name, p.path AS project_path FROM runs r JOIN projects p ON p.id = r.project_id WHERE r.id = ?`,
    )
    .get(id) as DetailRow | undefined;
  if (!row) return null;
  const artefacts = db.prepare('SELECT kind, path, sha256, copy_path FROM artefacts WHERE run_id = ? ORDER BY id').all(id) as Array<{
    kind: string;
    path: string;
    sha256: string | null;
    copy_path: string | null;
  }>;
  // With the per-item outcomes rebuilt from the run's items (store/run-metrics.ts): an A/A pair or a what-if reads them.
  const metrics = storedRunMetrics(db, id) as unknown as RunDetail['metrics'];
  const gates = (db.prepare('SELECT json FROM gate_results WHERE run_id = ? ORDER BY id').all(id) as Array<{ json: string }>).map((g) =>
    parse<RunDetail['gates'][number]>(g.json, {
      name: '?', kind: '?', status: 'anomalous', value: null, threshold: null, direction: null, passed: false, note: 'unreadable', failure_class: 'UNKNOWN',
    }),
  );
  const tel = db.prepare('SELECT at, json FROM run_telemetry WHERE run_id = ? ORDER BY at DESC, id DESC LIMIT 1').get(id) as
    | { at: string; json: string }
    | undefined;
  return {
    ...toRunSummary(row),
    projectPath: row.project_path,
    tier: row.tier,
    gitCommit: row.git_commit,
    gitDirty: row.git_dirty === null ? null : row.git_dirty === 1,
    command: parse<string[]>(row.command_json, []),
    cwd: row.cwd,
    env: parse<Record<string, string>>(row.env_json, {}),
    exitCode: row.exit_code,
    logPath: row.log_path,
    logBytes: row.log_bytes,
    runDir: row.run_dir,
    hardware: row.hardware,
    gpu: row.gpu,
    timeoutMs: row.timeout_ms,
    progress: parse<RunDetail['progress']>(row.progress_json, null),
    artefacts: artefacts.map((a) => ({ kind: a.kind, path: a.path, sha256: a.sha256, copyPath: a.copy_path })),
    metrics,
    gates,
    aggregate: parse<RunDetail['aggregate']>(row.aggregate_json, null),
    scorecard: row.scorecard,
    notes: parse<string[]>(row.notes_json, []),
    aaPartner: row.aa_partner ?? null,
    telemetry: tel ? { at: tel.at, gpus: parse<NonNullable<RunDetail['telemetry']>['gpus']>(tel.json, []) } : null,
  };
}

/** Telemetry samples of a run, oldest first (for the console's chart). */
export function runTelemetry(db: Db, id: string, limit = 2000): Array<{ at: string; gpus: unknown }> {
  return (db.prepare('SELECT at, json FROM run_telemetry WHERE run_id = ? ORDER BY at LIMIT ?').all(id, limit) as Array<{ at: string; json: string }>).map(
    (r) => ({ at: r.at, gpus: parse<unknown>(r.json, []) }),
  );
}
