/**
 * Stage and chain outcomes (issue 17). A stage passes when every job succeeded and its gates
 * accept; the first stage that does not pass stops the chain and gives the run its decision
 * and failure class; the stages after it are skipped. A job that ran out of walltime or was
 * preempted after its retries is INFRA_TRANSIENT, never a regression.
 */
import type { Decision, FailureClass, GateResult } from '../gates/types';
import type { JobStatus } from './slurm';

export type StageStatus = 'pending' | 'running' | 'passed' | 'failed' | 'cancelled' | 'interrupted' | 'skipped' | 'reused';

export interface JobEnd {
  status: JobStatus;
  failureClass: FailureClass | null;
  note: string | null;
}

export interface StageVerdict {
  status: StageStatus;
  /** The stage's own decision from its gates; null when its jobs did not finish. */
  decision: Decision | 'INCONCLUSIVE' | null;
  failureClass: FailureClass | null;
  notes: string[];
}

/** What the jobs say before any gate runs: null when all succeeded (the gates decide then). */
export function jobsVerdict(jobs: readonly JobEnd[]): StageVerdict | null {
  if (jobs.every((j) => j.status === 'succeeded')) return null;
  const notes = jobs.flatMap((j) => (j.note ? [j.note] : []));
  if (jobs.some((j) => j.status === 'cancelled')) return { status: 'cancelled', decision: null, failureClass: null, notes };
  const failed = jobs.find((j) => j.status === 'failed');
  if (failed) return { status: 'failed', decision: null, failureClass: failed.failureClass ?? 'UNKNOWN', notes };
  if (jobs.some((j) => j.status === 'transient')) {
    // Out of retries: nothing was measured, and it is the cluster's doing, not the model's.
    return { status: 'failed', decision: 'INCONCLUSIVE', failureClass: 'INFRA_TRANSIENT', notes };
  }
  if (jobs.some((j) => j.status === 'interrupted')) return { status: 'interrupted', decision: null, failureClass: null, notes };
  return { status: 'running', decision: null, failureClass: null, notes };
}

const SEVERITY = ['ANOMALOUS', 'INFEASIBLE', 'REGRESSION', 'INCONCLUSIVE', 'ACCEPT'] as const;

/** The decision of several jobs' reports: the worst in the SPEC's precedence, with its class. */
export function worstDecision<T extends { decision: Decision | 'INCONCLUSIVE'; failure_class: FailureClass | null }>(reports: readonly T[]): T {
  return [...reports].sort((a, b) => SEVERITY.indexOf(a.decision as never) - SEVERITY.indexOf(b.decision as never))[0] as T;
}

/** A stage whose jobs all succeeded, judged by its gates' report (null: no gates declared). */
export function gatesVerdict(report: { decision: Decision | 'INCONCLUSIVE'; failure_class: FailureClass | null } | null, ok: boolean, notes: string[]): StageVerdict {
  if (!ok) return { status: 'failed', decision: null, failureClass: 'MISSING_INPUT', notes };
  if (!report) return { status: 'passed', decision: null, failureClass: null, notes };
  return { status: report.decision === 'ACCEPT' ? 'passed' : 'failed', decision: report.decision, failureClass: report.failure_class, notes };
}

export interface ChainStage {
  name: string;
  verdict: StageVerdict;
  gates: readonly GateResult[];
}

export interface ChainVerdict {
  decision: Decision | 'INCONCLUSIVE' | null;
  failureClass: FailureClass | null;
  /** The stage that decided: the first that did not pass, else null. */
  decidedBy: string | null;
  status: 'succeeded' | 'failed' | 'cancelled' | 'interrupted';
}

/** Stages in run order. A chain where no gate decided anything is INCONCLUSIVE, never ACCEPT. */
export function chainVerdict(stages: readonly ChainStage[]): ChainVerdict {
  const stop = stages.find((s) => s.verdict.status !== 'passed' && s.verdict.status !== 'reused');
  if (stop) {
    const v = stop.verdict;
    const status = v.status === 'cancelled' ? 'cancelled' : v.status === 'interrupted' ? 'interrupted' : 'failed';
    return { decision: v.decision, failureClass: v.failureClass, decidedBy: stop.name, status };
  }
  const judged = stages.some((s) => s.gates.some((g) => g.status === 'pass' || g.status === 'fail'));
  if (!judged) return { decision: 'INCONCLUSIVE', failureClass: 'MISSING_INPUT', decidedBy: null, status: 'failed' };
  return { decision: 'ACCEPT', failureClass: null, decidedBy: null, status: 'succeeded' };
}

/**
 * What a stage's resume key covers, as one canonical JSON text (the caller hashes it): the
 * command, working folder, environment and matrix, and the keys of the stages it needs, so a
 * change upstream re-runs everything after it.
 */
export function stageKeyText(stage: { argv: readonly string[]; cwd?: string; env: Readonly<Record<string, string>>; matrix: ReadonlyArray<readonly [string, readonly string[]]>; artefacts: ReadonlyArray<{ path: string; kind?: string }> }, needKeys: readonly string[]): string {
  const env = Object.fromEntries(Object.entries(stage.env).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return JSON.stringify({ argv: stage.argv, cwd: stage.cwd ?? '.', env, matrix: stage.matrix, artefacts: stage.artefacts.map((a) => [a.kind ?? null, a.path]), needs: needKeys });
}
