/**
 * Where a stage's jobs run (issue 17): on this machine (the runner's child: no shell, its own
 * process group, timeout and cancel) or on Slurm (a job array from a readable batch script,
 * followed by polling). Both write each job's output to a file in the run folder, and both are
 * followed the same way, by a FileFollower, so the console shows a cluster job's log and
 * progress as it shows a local one's.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { startChild, type ChildHandle } from '../runner/child';
import { LogSink } from '../runner/log-sink';
import { batchScript } from '../../core/pipeline/batch-script';
import { isEndState, verdictOf, type JobStatus } from '../../core/pipeline/slurm';
import type { FailureClass } from '../../core/gates/types';
import type { SlurmExecutorConfig } from '../../core/project/pipeline';
import type { SlurmClient } from './slurm-client';

export interface StageJob {
  index: number;
  label: string;
  argv: string[];
  /** The job's own variables (the stage's env, GREENLIGHT_*); a local job also inherits the console's. */
  env: Record<string, string>;
  logPath: string;
  exitPath: string;
}

export interface JobUpdate {
  index: number;
  status: JobStatus;
  exitCode: number | null;
  failureClass: FailureClass | null;
  note: string | null;
  slurmJobId?: string | null;
  slurmState?: string | null;
  node?: string | null;
}

export interface StageRun {
  runId: string;
  stage: string;
  cwd: string;
  attempt: number;
  timeoutMs: number | null;
  secrets: readonly string[];
  inheritEnv: NodeJS.ProcessEnv;
  onUpdate: (u: JobUpdate) => void;
}

export interface Executor {
  readonly kind: 'local' | 'slurm';
  /** Run these jobs to their end; resolves with each one's last update. */
  run(jobs: readonly StageJob[], ctx: StageRun): Promise<JobUpdate[]>;
  cancel(): void;
}

export class LocalExecutor implements Executor {
  readonly kind = 'local';
  private child: ChildHandle | null = null;
  private cancelled = false;

  constructor(private readonly graceMs?: number) {}

  async run(jobs: readonly StageJob[], ctx: StageRun): Promise<JobUpdate[]> {
    const out: JobUpdate[] = [];
    // One at a time: a workstation runs one eval per GPU, and the stage's jobs share it.
    for (const job of jobs) {
      if (this.cancelled) {
        out.push({ index: job.index, status: 'cancelled', exitCode: null, failureClass: null, note: 'cancelled before it started' });
        continue;
      }
      const sink = new LogSink(job.logPath, () => {}, ctx.secrets);
      if (ctx.attempt > 1) sink.note(`attempt ${ctx.attempt}`);
      ctx.onUpdate({ index: job.index, status: 'running', exitCode: null, failureClass: null, note: null });
      const child = startChild({ argv: job.argv, cwd: ctx.cwd, env: { ...ctx.inheritEnv, ...job.env }, timeoutMs: ctx.timeoutMs, graceMs: this.graceMs, output: { onOutput: (chunk: Buffer) => sink.write(chunk) } });
      this.child = child;
      if (this.cancelled) child.cancel();
      const end = await child.done;
      this.child = null;
      let u: JobUpdate;
      if (end.reason === 'cancel') u = { index: job.index, status: 'cancelled', exitCode: end.exitCode, failureClass: null, note: 'cancelled by the user' };
      else if (end.reason === 'timeout') u = { index: job.index, status: 'transient', exitCode: end.exitCode, failureClass: 'INFRA_TRANSIENT', note: `walltime: stopped after ${ctx.timeoutMs} ms (INFRA_TRANSIENT)` };
      else if (end.reason === 'spawn-error') u = { index: job.index, status: 'failed', exitCode: null, failureClass: 'USER_CONFIG_ERROR', note: end.error ?? 'the command could not start' };
      else if (end.exitCode === 0) u = { index: job.index, status: 'succeeded', exitCode: 0, failureClass: null, note: null };
      else u = { index: job.index, status: 'failed', exitCode: end.exitCode, failureClass: 'UNKNOWN', note: end.signal ? `${job.label} ended by signal ${end.signal}` : `${job.label} exited with code ${end.exitCode}` };
      if (end.error) sink.note(end.error);
      if (u.note && u.status !== 'succeeded') sink.note(u.note);
      sink.close();
      ctx.onUpdate(u);
      out.push(u);
    }
    return out;
  }

  cancel(): void {
    this.cancelled = true;
    this.child?.cancel();
  }
}

export const SLURM_POLL_MS = 2000;

/** A job of this stage already on the cluster (a restarted console adopts it). */
export interface SubmittedJob {
  job: StageJob;
  slurmJobId: string;
}

export class SlurmExecutor implements Executor {
  readonly kind = 'slurm';
  private cancelled = false;
  private inFlight: string[] = [];

  constructor(
    private readonly client: SlurmClient,
    private readonly config: SlurmExecutorConfig,
    private readonly scriptPath: (attempt: number) => string,
    private readonly pollMs = SLURM_POLL_MS,
  ) {}

  /** The sbatch options, as argv; the batch script itself holds only the quoted command. */
  options(ctx: Pick<StageRun, 'runId' | 'stage'>, jobs: readonly StageJob[], logPattern: string): string[] {
    const c = this.config;
    return [
      `--job-name=gl-${ctx.stage}`,
      `--array=${jobs.map((j) => j.index).join(',')}`,
      `--output=${logPattern}`,
      '--open-mode=append',
      ...(c.partition ? [`--partition=${c.partition}`] : []),
      ...(c.gres ? [`--gres=${c.gres}`] : []),
      ...(c.time ? [`--time=${c.time}`] : []),
      ...(c.account ? [`--account=${c.account}`] : []),
      ...(c.qos ? [`--qos=${c.qos}`] : []),
      ...c.extra,
    ];
  }

  async run(jobs: readonly StageJob[], ctx: StageRun): Promise<JobUpdate[]> {
    if (jobs.length === 0) return [];
    if (this.cancelled) return jobs.map((j) => ({ index: j.index, status: 'cancelled', exitCode: null, failureClass: null, note: 'cancelled before it was submitted' }));
    const first = jobs[0] as StageJob;
    // Slurm fills %a with the array index; every job's log path has the same shape.
    const logPattern = first.logPath.replace(new RegExp(`${first.index}\\.log$`), '%a.log');
    const options = this.options(ctx, jobs, logPattern);
    const script = this.scriptPath(ctx.attempt);
    // The script lists every job of the stage by its index; a retry submits only some of them.
    writeFileSync(
      script,
      batchScript({ runId: ctx.runId, stage: ctx.stage, cwd: ctx.cwd, jobs: indexed(jobs), exitFile: first.exitPath.replace(new RegExp(`${first.index}\\.exit$`), '{task}.exit'), sbatch: ['sbatch', '--parsable', ...options, script] }),
      { mode: 0o700 },
    );
    for (const j of jobs) rmSync(j.exitPath, { force: true }); // an earlier attempt's code is not this one's
    const arrayId = await this.client.submit(script, options, ctx.cwd);
    const submitted = jobs.map((job) => ({ job, slurmJobId: `${arrayId}_${job.index}` }));
    for (const s of submitted) ctx.onUpdate({ index: s.job.index, status: 'queued', exitCode: null, failureClass: null, note: null, slurmJobId: s.slurmJobId, slurmState: 'PENDING', node: null });
    return this.follow(submitted, ctx);
  }

  /** Poll until every job has ended: one squeue call per poll for all of them. */
  async follow(submitted: readonly SubmittedJob[], ctx: StageRun): Promise<JobUpdate[]> {
    const last = new Map<number, JobUpdate>();
    const open = new Map(submitted.map((s) => [s.slurmJobId, s]));
    this.inFlight = [...open.keys()];
    if (this.cancelled) await this.client.cancel(this.inFlight).catch(() => {});
    let failures = 0;
    while (open.size) {
      let rows;
      try {
        rows = await this.client.poll([...open.keys()]);
        failures = 0;
      } catch (err) {
        // The controller may be restarting: keep the jobs as they were, give up only after a while.
        if (++failures < 30) {
          await sleep(this.pollMs);
          continue;
        }
        throw err;
      }
      for (const [id, s] of [...open]) {
        const row = rows.get(id);
        let u: JobUpdate;
        if (!row) u = { index: s.job.index, status: 'interrupted', exitCode: null, failureClass: null, note: `Slurm job ${id} left the queue without an end state`, slurmJobId: id };
        else {
          const exit = isEndState(row.state) ? (readExit(s.job.exitPath) ?? row.exitCode) : null;
          const v = verdictOf(row.state, exit);
          u = { index: s.job.index, status: v.status, exitCode: exit, failureClass: v.failureClass, note: v.note, slurmJobId: id, slurmState: row.state, node: row.node };
        }
        const prev = last.get(s.job.index);
        if (!prev || prev.status !== u.status || prev.slurmState !== u.slurmState || prev.node !== u.node) ctx.onUpdate(u);
        last.set(s.job.index, u);
        if (u.status !== 'queued' && u.status !== 'running') open.delete(id);
      }
      if (open.size) await sleep(this.pollMs);
    }
    this.inFlight = [];
    return submitted.map((s) => last.get(s.job.index) as JobUpdate);
  }

  cancel(): void {
    this.cancelled = true;
    if (this.inFlight.length) void this.client.cancel(this.inFlight).catch(() => {});
  }
}

/** The batch script's `case` is keyed by array index: list the jobs at their own indices. */
function indexed(jobs: readonly StageJob[]): Array<{ argv: string[]; env: Record<string, string> }> {
  const out: Array<{ argv: string[]; env: Record<string, string> }> = [];
  for (const j of jobs) out[j.index] = { argv: j.argv, env: j.env };
  return out;
}

function readExit(path: string): number | null {
  try {
    const n = Number(readFileSync(path, 'utf8').trim());
    return Number.isInteger(n) ? n : null;
  } catch {
    return null;
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
