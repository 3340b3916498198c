/**
 * A pipeline run's stages and jobs in the store (issue 17). Jobs keep their Slurm job id, node
 * and last state, so a restarted console can follow them again.
 */
import type { Db } from './db';
import type { PipelineJob, PipelineStage, RunProgress } from '../../shared/schemas';

export interface StageRow {
  run_id: string;
  name: string;
  ord: number;
  status: string;
  decision: string | null;
  failure_class: string | null;
  stage_key: string;
  executor: string;
  gates_json: string;
  artefacts_json: string;
  notes_json: string;
}

export interface JobRow {
  run_id: string;
  stage: string;
  idx: number;
  label: string;
  values_json: string;
  status: string;
  exit_code: number | null;
  attempts: number;
  slurm_job_id: string | null;
  slurm_state: string | null;
  node: string | null;
  log_path: string;
  note: string | null;
  progress_json: string | null;
}

export function saveStage(db: Db, s: { runId: string; name: string; ord: number; status: string; stageKey: string; executor: string; decision?: string | null; failureClass?: string | null; gates?: unknown[]; artefacts?: unknown[]; notes?: string[] }): void {
  db.prepare(
    `INSERT INTO pipeline_stages (run_id, name, ord, status, decision, failure_class, stage_key, executor, gates_json, artefacts_json, notes_json, started_at, ended_at)
     VALUES (@runId, @name, @ord, @status, @decision, @failureClass, @stageKey, @executor, @gates, @artefacts, @notes, @now, NULL)
     ON CONFLICT (run_id, name) DO UPDATE SET ord = @ord, status = @status, decision = @decision, failure_class = @failureClass,
       stage_key = @stageKey, executor = @executor, gates_json = @gates, artefacts_json = @artefacts, notes_json = @notes,
       ended_at = CASE WHEN @status IN ('pending', 'running') THEN NULL ELSE @now END`,
  ).run({
    runId: s.runId,
    name: s.name,
    ord: s.ord,
    status: s.status,
    decision: s.decision ?? null,
    failureClass: s.failureClass ?? null,
    stageKey: s.stageKey,
    executor: s.executor,
    gates: JSON.stringify(s.gates ?? []),
    artefacts: JSON.stringify(s.artefacts ?? []),
    notes: JSON.stringify(s.notes ?? []),
    now: new Date().toISOString(),
  });
}

export function saveJob(db: Db, j: { runId: string; stage: string; index: number; label: string; values: Record<string, string>; status: string; logPath: string; attempts?: number; exitCode?: number | null; slurmJobId?: string | null; slurmState?: string | null; node?: string | null; note?: string | null }): void {
  db.prepare(
    `INSERT INTO pipeline_jobs (run_id, stage, idx, label, values_json, status, exit_code, attempts, slurm_job_id, slurm_state, node, log_path, note, submitted_at)
     VALUES (@runId, @stage, @index, @label, @values, @status, @exitCode, @attempts, @slurmJobId, @slurmState, @node, @logPath, @note, @now)
     ON CONFLICT (run_id, stage, idx) DO UPDATE SET label = @label, values_json = @values, status = @status, exit_code = @exitCode, attempts = @attempts,
       slurm_job_id = @slurmJobId, slurm_state = @slurmState, node = @node, log_path = @logPath, note = @note,
       started_at = CASE WHEN @status = 'running' AND started_at IS NULL THEN @now ELSE started_at END,
       ended_at = CASE WHEN @status IN ('queued', 'running') THEN NULL ELSE @now END`,
  ).run({
    runId: j.runId,
    stage: j.stage,
    index: j.index,
    label: j.label,
    values: JSON.stringify(j.values),
    status: j.status,
    exitCode: j.exitCode ?? null,
    attempts: j.attempts ?? 0,
    slurmJobId: j.slurmJobId ?? null,
    slurmState: j.slurmState ?? null,
    node: j.node ?? null,
    logPath: j.logPath,
    note: j.note ?? null,
    now: new Date().toISOString(),
  });
}

/** A stage run again (resume) starts with no jobs: the earlier attempt's may have had other values. */
export function clearJobs(db: Db, runId: string, stage: string): void {
  db.prepare('DELETE FROM pipeline_jobs WHERE run_id = ? AND stage = ?').run(runId, stage);
}

export function saveJobProgress(db: Db, runId: string, stage: string, index: number, p: RunProgress): void {
  db.prepare('UPDATE pipeline_jobs SET progress_json = ? WHERE run_id = ? AND stage = ? AND idx = ?').run(JSON.stringify(p), runId, stage, index);
}

export function stageRows(db: Db, runId: string): StageRow[] {
  return db.prepare('SELECT * FROM pipeline_stages WHERE run_id = ? ORDER BY ord').all(runId) as StageRow[];
}

export function jobRows(db: Db, runId: string, stage?: string): JobRow[] {
  return (stage === undefined
    ? db.prepare('SELECT * FROM pipeline_jobs WHERE run_id = ? ORDER BY stage, idx').all(runId)
    : db.prepare('SELECT * FROM pipeline_jobs WHERE run_id = ? AND stage = ? ORDER BY idx').all(runId, stage)) as JobRow[];
}

export function isPipelineRun(db: Db, runId: string): boolean {
  return db.prepare('SELECT 1 FROM pipeline_stages WHERE run_id = ? LIMIT 1').get(runId) !== undefined;
}

/** Unfinished runs with a Slurm job still queued or running: a new console follows them instead of interrupting them. */
export function runsWithClusterJobs(db: Db): string[] {
  const rows = db
    .prepare(
      `SELECT DISTINCT j.run_id AS id FROM pipeline_jobs j JOIN runs r ON r.id = j.run_id
       WHERE r.status IN ('queued', 'running') AND j.slurm_job_id IS NOT NULL AND j.status IN ('queued', 'running')`,
    )
    .all() as Array<{ id: string }>;
  return rows.map((r) => r.id);
}

/** The last passed stage with this key in the project, for resume. */
export function passedStage(db: Db, runId: string, name: string, stageKey: string): StageRow | null {
  return (db.prepare("SELECT * FROM pipeline_stages WHERE run_id = ? AND name = ? AND stage_key = ? AND status IN ('passed', 'reused')").get(runId, name, stageKey) as StageRow | undefined) ?? null;
}

export function pipelineView(db: Db, runId: string, needs: ReadonlyMap<string, string[]> = new Map()): { runId: string; stages: PipelineStage[] } {
  const jobs = jobRows(db, runId);
  return {
    runId,
    stages: stageRows(db, runId).map((s) => ({
      name: s.name,
      status: s.status as PipelineStage['status'],
      decision: (s.decision as PipelineStage['decision']) ?? null,
      failureClass: s.failure_class,
      executor: s.executor,
      needs: needs.get(s.name) ?? [],
      gates: JSON.parse(s.gates_json) as PipelineStage['gates'],
      notes: JSON.parse(s.notes_json) as string[],
      jobs: jobs.filter((j) => j.stage === s.name).map(jobOut),
    })),
  };
}

function jobOut(j: JobRow): PipelineJob {
  return {
    index: j.idx,
    label: j.label,
    values: JSON.parse(j.values_json) as Record<string, string>,
    status: j.status as PipelineJob['status'],
    exitCode: j.exit_code,
    attempts: j.attempts,
    slurmJobId: j.slurm_job_id,
    slurmState: j.slurm_state,
    node: j.node,
    logPath: j.log_path,
    note: j.note,
    progress: j.progress_json ? (JSON.parse(j.progress_json) as RunProgress) : null,
  };
}
