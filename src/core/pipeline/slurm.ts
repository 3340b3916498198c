/**
 * What Slurm says about a job, in Greenlight's words (issue 17). Reads the delimited formats of
 * `squeue -h -r -o` and `sacct -P -n` (Slurm 22.05's `--json` differs from later versions, so
 * it is not used). The state mapping is the contract: COMPLETED → the job's exit code; FAILED,
 * OUT_OF_MEMORY → failed with the state named; TIMEOUT, PREEMPTED, NODE_FAIL → INFRA_TRANSIENT,
 * requeued up to `retries`; CANCELLED → cancelled; gone without an end state → interrupted.
 */
import type { FailureClass } from '../gates/types';

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled' | 'transient' | 'interrupted' | 'skipped';

export interface JobVerdict {
  status: JobStatus;
  failureClass: FailureClass | null;
  note: string | null;
}

const PENDING = new Set(['PENDING', 'CONFIGURING', 'REQUEUED', 'REQUEUE_HOLD', 'REQUEUE_FED', 'RESV_DEL_HOLD', 'SUSPENDED', 'RESIZING', 'STOPPED']);
const RUNNING = new Set(['RUNNING', 'COMPLETING', 'STAGE_OUT', 'SIGNALING']);
const TRANSIENT = new Set(['TIMEOUT', 'PREEMPTED', 'NODE_FAIL']);
const FAILED = new Set(['FAILED', 'OUT_OF_MEMORY', 'BOOT_FAIL', 'DEADLINE', 'SPECIAL_EXIT', 'REVOKED']);

/** The state word alone (sacct writes `CANCELLED by 0`). */
export function baseState(state: string): string {
  return state.trim().split(/\s+/)[0]?.toUpperCase() ?? '';
}

export function isEndState(state: string): boolean {
  const s = baseState(state);
  return s === 'COMPLETED' || s === 'CANCELLED' || TRANSIENT.has(s) || FAILED.has(s);
}

export function verdictOf(state: string, exitCode: number | null): JobVerdict {
  const s = baseState(state);
  if (PENDING.has(s)) return { status: 'queued', failureClass: null, note: null };
  if (RUNNING.has(s)) return { status: 'running', failureClass: null, note: null };
  if (s === 'COMPLETED') {
    if (exitCode === 0 || exitCode === null) return { status: 'succeeded', failureClass: null, note: null };
    return { status: 'failed', failureClass: 'UNKNOWN', note: `the job exited with code ${exitCode}` };
  }
  if (s === 'CANCELLED') return { status: 'cancelled', failureClass: null, note: 'the job was cancelled (scancel)' };
  if (TRANSIENT.has(s)) return { status: 'transient', failureClass: 'INFRA_TRANSIENT', note: `Slurm ended the job with ${s}: not a failure of the model (INFRA_TRANSIENT)` };
  if (FAILED.has(s)) return { status: 'failed', failureClass: 'UNKNOWN', note: `Slurm ended the job with ${s}${exitCode !== null ? ` (exit code ${exitCode})` : ''}` };
  return { status: 'running', failureClass: null, note: `unknown Slurm state ${s}` };
}

export interface QueueRow {
  /** `1234` or `1234_5` for an array task. */
  id: string;
  state: string;
  node: string | null;
  exitCode: number | null;
  /** Slurm's reason or comment column, when given. */
  reason: string | null;
}

/** `squeue -h -r -o '%i|%T|%N|%r'`: one line per job (and per array task with -r). */
export function parseSqueue(text: string): QueueRow[] {
  const out: QueueRow[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const [id, state, node, reason] = line.split('|');
    if (!id || !state) continue;
    out.push({ id: id.trim(), state: state.trim(), node: node?.trim() || null, exitCode: null, reason: reason?.trim() || null });
  }
  return out;
}

/** `sacct -P -n -X -o JobID,State,ExitCode,NodeList`: ExitCode is `code:signal`. */
export function parseSacct(text: string): QueueRow[] {
  const out: QueueRow[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const [id, state, exit, node] = line.split('|');
    if (!id || !state || id.includes('.')) continue; // job steps (1234.batch) are not jobs
    const m = /^(\d+):(\d+)$/.exec(exit?.trim() ?? '');
    out.push({ id: id.trim(), state: state.trim(), node: node?.trim() && node.trim() !== 'None assigned' ? node.trim() : null, exitCode: m ? Number(m[1]) : null, reason: null });
  }
  return out;
}

/** The array job ids of a set of task ids (`1234_0`, `1234_1` → `1234`), for one call per poll. */
export function arrayJobIds(ids: readonly string[]): string[] {
  return [...new Set(ids.map((id) => id.split('_')[0] as string))];
}
