/**
 * One stage's jobs on its executor (moved out of runner.ts): each job's log followed live
 * (progress included), its state saved as it changes, Slurm jobs still on the cluster followed
 * again after a restart, transient failures (TIMEOUT, PREEMPTED, NODE_FAIL) resubmitted up to
 * `retries`; then the stage judged by its gates when every job succeeded.
 */
import { join, resolve } from 'node:path';
import type { AppContext } from '../context/context';
import { jobsVerdict } from '../../core/pipeline/chain';
import { fillPlaceholders } from '../../core/pipeline/matrix';
import type { StageConfig } from '../../core/project/pipeline';
import type { PlaceholderValues } from '../../core/project/command';
import { secretValues } from '../../core/runner/redact';
import { clearJobs, saveJob, saveJobProgress, type JobRow } from '../store/pipelines';
import type { PipelineJob } from '../../shared/schemas';
import type { LoadedProject } from '../project/load';
import { judgeStage, type StageJudgement } from './judge-stage';
import { LocalExecutor, SlurmExecutor, type Executor, type JobUpdate, type SubmittedJob } from './executors';
import { FileFollower } from './follow';
import { SlurmClient } from './slurm-client';
import { jobsDir, planJobs, type PlannedJob } from './jobs';
import type { PipelineOptions } from './runner';

export async function runStageJobs(
  ctx: AppContext,
  a: { executor: Executor | null; cancelled: boolean },
  { id, stage, project, runDir, tier, base, opts, known }: { id: string; stage: StageConfig; project: LoadedProject; runDir: string; tier: string; base: PlaceholderValues; opts: PipelineOptions; known: JobRow[] },
): Promise<StageJudgement> {
  const db = ctx.db;
  const jobs = planJobs(stage, runDir, base);
  if (known.length === 0) clearJobs(db, id, stage.name);
  const inherit = opts.env ?? process.env;
  const secrets = secretValues({ ...inherit, ...Object.assign({}, ...jobs.map((j) => j.env)) });
  const state = new Map<number, { attempts: number; u: JobUpdate }>();
  for (const k of known) state.set(k.idx, { attempts: k.attempts, u: { index: k.idx, status: k.status as JobUpdate['status'], exitCode: k.exit_code, failureClass: null, note: k.note, slurmJobId: k.slurm_job_id, slurmState: k.slurm_state, node: k.node } });
  const record = (job: PlannedJob, u: JobUpdate): void => {
    const s = state.get(job.index) ?? { attempts: 0, u };
    s.u = { ...s.u, ...u };
    state.set(job.index, s);
    if (!db.open) return;
    saveJob(db, { runId: id, stage: stage.name, index: job.index, label: job.label, values: job.values, status: s.u.status, logPath: job.logPath, attempts: s.attempts, exitCode: s.u.exitCode, slurmJobId: s.u.slurmJobId ?? null, slurmState: s.u.slurmState ?? null, node: s.u.node ?? null, note: s.u.note });
    ctx.events.emit({ type: 'pipeline.job', runId: id, stage: stage.name, job: jobView(job, s.attempts, s.u, followers.get(job.index)?.progress.latest ?? null) });
  };
  const followers = new Map<number, FileFollower>();
  for (const job of jobs) {
    const f = new FileFollower(
      job.logPath,
      (offset, text) => ctx.events.emit({ type: 'pipeline.log', runId: id, stage: stage.name, index: job.index, offset, text }),
      (p) => {
        if (!db.open) return;
        saveJobProgress(db, id, stage.name, job.index, p);
        const s = state.get(job.index);
        if (s) ctx.events.emit({ type: 'pipeline.job', runId: id, stage: stage.name, job: jobView(job, s.attempts, s.u, p) });
      },
    );
    followers.set(job.index, f.start());
    if (!state.has(job.index)) record(job, { index: job.index, status: 'queued', exitCode: null, failureClass: null, note: null });
  }
  const executor: Executor =
    stage.executor.kind === 'slurm'
      ? new SlurmExecutor(new SlurmClient({ ...inherit }), stage.executor, (attempt) => join(jobsDir(runDir), `${stage.name}.attempt-${attempt}.sbatch`), opts.pollMs)
      : new LocalExecutor(opts.graceMs);
  a.executor = executor;
  const byIndex = new Map(jobs.map((j) => [j.index, j]));
  const stageRun = (attempt: number) => ({
    runId: id,
    stage: stage.name,
    cwd: resolve(project.dir, fillPlaceholders(stage.cwd ?? '.', base)),
    attempt,
    timeoutMs: stage.timeoutMs,
    secrets,
    inheritEnv: inherit,
    onUpdate: (u: JobUpdate) => record(byIndex.get(u.index) as PlannedJob, u),
  });
  try {
    // A restarted console follows the jobs still on the cluster; jobs that ended keep their state.
    const inFlight: SubmittedJob[] = known
      .filter((k) => k.slurm_job_id && (k.status === 'queued' || k.status === 'running'))
      .map((k) => ({ job: byIndex.get(k.idx) as PlannedJob, slurmJobId: k.slurm_job_id as string }));
    let toRun = jobs.filter((j) => !state.has(j.index) || ['queued', 'transient'].includes(state.get(j.index)?.u.status as string) && !inFlight.some((f) => f.job.index === j.index));
    if (known.length) toRun = toRun.filter((j) => state.get(j.index)?.u.status !== 'succeeded');
    let attempt = Math.max(1, ...known.map((k) => k.attempts));
    if (inFlight.length && executor instanceof SlurmExecutor) {
      await executor.follow(inFlight, stageRun(attempt));
      toRun = toRun.filter((j) => !inFlight.some((f) => f.job.index === j.index));
      toRun.push(...inFlight.filter((f) => state.get(f.job.index)?.u.status === 'transient').map((f) => f.job as PlannedJob));
      if (toRun.length) attempt++;
    }
    while (toRun.length && !a.cancelled) {
      for (const j of toRun) {
        const s = state.get(j.index);
        if (s) s.attempts = attempt;
      }
      await executor.run(toRun, stageRun(attempt));
      const transient = toRun.filter((j) => state.get(j.index)?.u.status === 'transient');
      if (transient.length === 0 || attempt > stage.retries) break;
      attempt++;
      for (const j of transient) record(j, { index: j.index, status: 'queued', exitCode: null, failureClass: null, note: `resubmitted (attempt ${attempt} of ${stage.retries + 1}) after ${state.get(j.index)?.u.slurmState ?? 'a walltime timeout'}` });
      toRun = transient;
    }
  } finally {
    for (const f of followers.values()) f.stop();
    a.executor = null;
  }
  const ends = jobs.map((j) => state.get(j.index)?.u ?? { index: j.index, status: 'interrupted' as const, exitCode: null, failureClass: null, note: null });
  const byJobs = jobsVerdict(ends);
  if (byJobs) return { verdict: byJobs, gates: [], stored: [], loaded: [], stageMetrics: [] };
  return judgeStage(db, { runId: id, project, stage, jobs, runDir, tier, base });
}

export function jobView(job: PlannedJob, attempts: number, u: JobUpdate, progress: PipelineJob['progress']): PipelineJob {
  return { index: job.index, label: job.label, values: job.values, status: u.status, exitCode: u.exitCode, attempts, slurmJobId: u.slurmJobId ?? null, slurmState: u.slurmState ?? null, node: u.node ?? null, logPath: job.logPath, note: u.note, progress };
}
