/**
 * Writing runs: create, move through statuses, and record the end of a run (artefacts,
 * metrics, gate results, decision, scorecard) in one transaction, so a crash or a bad input
 * never leaves a run half-written.
 */
import type { Db } from './db';
import { insertItems, type ItemBatch } from './run-items';
import { metricForStore, recordsOfBatches } from './run-metrics';
import type { RunStatus, DecisionName, RunProgress } from '../../shared/schemas';

export interface NewRun {
  id: string;
  projectId: string;
  eval: string | null;
  version: string | null;
  gitCommit: string | null;
  gitDirty: boolean | null;
  command: string[];
  cwd: string | null;
  env: Record<string, string>;
  status: RunStatus;
  logPath: string | null;
  runDir: string;
  hardware: string | null;
  tier: string | null;
  gpu: string | null;
  timeoutMs: number | null;
  ownerPid: number | null;
  createdAt?: string;
  startedAt?: string | null;
}

export function insertRun(db: Db, r: NewRun): void {
  db.prepare(
    `INSERT INTO runs (id, project_id, eval, version, git_commit, git_dirty, command_json, cwd, env_json, status,
      log_path, run_dir, hardware, tier, gpu, timeout_ms, owner_pid, created_at, started_at)
     VALUES (@id, @projectId, @eval, @version, @gitCommit, @gitDirty, @command, @cwd, @env, @status,
      @logPath, @runDir, @hardware, @tier, @gpu, @timeoutMs, @ownerPid, @createdAt, @startedAt)`,
  ).run({
    ...r,
    gitDirty: r.gitDirty === null ? null : r.gitDirty ? 1 : 0,
    command: JSON.stringify(r.command),
    env: JSON.stringify(r.env),
    createdAt: r.createdAt ?? new Date().toISOString(),
    startedAt: r.startedAt ?? null,
  });
}

export function markRunning(db: Db, id: string, childPid: number | null, at = new Date().toISOString()): void {
  db.prepare("UPDATE runs SET status = 'running', started_at = ?, child_pid = ?, owner_pid = ? WHERE id = ?").run(at, childPid, process.pid, id);
}

export function saveProgress(db: Db, id: string, p: RunProgress, logBytes: number): void {
  db.prepare('UPDATE runs SET progress_json = ?, log_bytes = ? WHERE id = ?').run(JSON.stringify(p), logBytes, id);
}

export function saveTelemetry(db: Db, id: string, at: string, gpus: unknown): void {
  db.prepare('INSERT INTO run_telemetry (run_id, at, json) VALUES (?, ?, ?)').run(id, at, JSON.stringify(gpus));
}

export interface RunOutcome {
  status: RunStatus;
  exitCode: number | null;
  logBytes: number | null;
  endedAt?: string;
  decision?: DecisionName | null;
  failureClass?: string | null;
  artefacts?: Array<{ kind: string; path: string; sha256: string | null; copyPath: string | null }>;
  metrics?: Array<{ name: string; value: number | null } & Record<string, unknown>>;
  gates?: Array<{ name: string; kind: string; status: string } & Record<string, unknown>>;
  aggregate?: { name: string; value: number } | null;
  scorecard?: string | null;
  notes?: string[];
  /** Per-item evidence, by artefact (SPEC §2.12). */
  items?: ItemBatch[];
}

/** Record how a run ended, with everything it produced, atomically. */
export function finishRun(db: Db, id: string, o: RunOutcome): void {
  const insArtefact = db.prepare('INSERT INTO artefacts (run_id, kind, path, sha256, copy_path) VALUES (?, ?, ?, ?, ?)');
  const insMetric = db.prepare('INSERT INTO metrics (run_id, name, value, json) VALUES (?, ?, ?, ?)');
  const insGate = db.prepare('INSERT INTO gate_results (run_id, name, kind, status, json) VALUES (?, ?, ?, ?, ?)');
  db.transaction(() => {
    db.prepare('DELETE FROM artefacts WHERE run_id = ?').run(id);
    db.prepare('DELETE FROM metrics WHERE run_id = ?').run(id);
    db.prepare('DELETE FROM gate_results WHERE run_id = ?').run(id);
    db.prepare('DELETE FROM run_items WHERE run_id = ?').run(id);
    insertItems(db, id, o.items ?? []);
    for (const a of o.artefacts ?? []) insArtefact.run(id, a.kind, a.path, a.sha256, a.copyPath);
    // Per-item outcomes are kept once, in run_items, when those reproduce them (store/run-metrics.ts).
    const records = recordsOfBatches(o.items ?? []);
    for (const m of o.metrics ?? []) insMetric.run(id, m.name, m.value, JSON.stringify(metricForStore(m, records)));
    for (const g of o.gates ?? []) insGate.run(id, g.name, g.kind, g.status, JSON.stringify(g));
    db.prepare(
      `UPDATE runs SET status = @status, exit_code = @exitCode, ended_at = @endedAt, log_bytes = COALESCE(@logBytes, log_bytes),
        decision = @decision, failure_class = @failureClass, scorecard = @scorecard, notes_json = @notes,
        aggregate_json = @aggregate, child_pid = NULL WHERE id = @id`,
    ).run({
      id,
      status: o.status,
      exitCode: o.exitCode,
      endedAt: o.endedAt ?? new Date().toISOString(),
      logBytes: o.logBytes,
      decision: o.decision ?? null,
      failureClass: o.failureClass ?? null,
      scorecard: o.scorecard ?? null,
      notes: JSON.stringify(o.notes ?? []),
      aggregate: o.aggregate ? JSON.stringify(o.aggregate) : null,
    });
  })();
}

/** Runs still marked queued or running, with the process that owned them. */
export interface UnfinishedRun {
  id: string;
  owner_pid: number | null;
  child_pid: number | null;
  command_json: string | null;
  log_path: string | null;
}

export function unfinishedRuns(db: Db): UnfinishedRun[] {
  return db.prepare("SELECT id, owner_pid, child_pid, command_json, log_path FROM runs WHERE status IN ('queued', 'running')").all() as UnfinishedRun[];
}

/** True when the run was still queued or running and is now interrupted. */
export function markInterrupted(db: Db, id: string, note: string, logBytes: number | null): boolean {
  const r = db.prepare(
    `UPDATE runs SET status = 'interrupted', ended_at = ?, child_pid = NULL, log_bytes = COALESCE(?, log_bytes),
      notes_json = ? WHERE id = ? AND status IN ('queued', 'running')`,
  ).run(new Date().toISOString(), logBytes, JSON.stringify([note]), id);
  return r.changes > 0;
}

/** Replace a finished run's drafted card (its A/A pair's noise floor, learnt after it ended). */
export function setRunScorecard(db: Db, id: string, scorecard: string): void {
  db.prepare('UPDATE runs SET scorecard = ? WHERE id = ?').run(scorecard, id);
}
