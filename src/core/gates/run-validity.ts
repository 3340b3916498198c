/**
 * Run-validity gate (seed 002's run gate, SPEC §2.4) over a run summary
 * `{tasks:{name:{status, expected_samples, scored_samples, score, errors}}}`. A task passes
 * only when its status is exactly SUCCESS, it has no errors, its sample counts are present
 * and equal, and its score is finite. Unlike seed 002, missing sample counts fail.
 */
import { describeRaw } from '../metric';
import { gateResult, type FailureClass, type GateResult } from './types';
import { isRecord } from '../util';

const NOT_TERMINAL = new Set(['TIMEOUT', 'RESUMING', 'RUNNING', 'PENDING']);
/**
 * Judge / rate limit / unauthorized / auth (SPEC §2.4). `auth` is a word or a stem of
 * authentication / authorization, never "author" (a dataset field is not a judge failure).
 */
const JUDGE = /judge|rate.?limit|unauthori[sz]ed|\bauth(?:n|z|enticat\w*|ori[sz]ation|ori[sz]ed?)?\b/i;
/** When a task fails for several reasons, the class that explains the others comes first. */
const PRIORITY: FailureClass[] = ['INFRA_TRANSIENT', 'EVAL_JUDGE_FAILED', 'SAMPLE_ACCOUNTING_FAILED', 'USER_CONFIG_ERROR', 'UNKNOWN'];

export interface TaskVerdict {
  pass: boolean;
  failure_class: FailureClass | null;
  reasons: string[];
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}

export function judgeTask(task: unknown): TaskVerdict {
  if (!isRecord(task)) {
    return { pass: false, failure_class: 'SAMPLE_ACCOUNTING_FAILED', reasons: [`task entry is not an object (${describeRaw(task)})`] };
  }
  const t = task;
  const classes = new Set<FailureClass>();
  const reasons: string[] = [];
  const status = t.status;
  if (status !== 'SUCCESS') {
    if (typeof status === 'string' && NOT_TERMINAL.has(status)) {
      classes.add('INFRA_TRANSIENT');
      reasons.push(`status ${status} is not terminal`);
    } else {
      classes.add('UNKNOWN');
      reasons.push(`status ${describeRaw(status)} is not SUCCESS`);
    }
  }
  const errors = t.errors;
  // `errors` is a list of messages, one message, or a count: a count of 0 means no errors
  // (not one error reading "0"), a positive count is that many errors.
  const errorCount = typeof errors === 'number' && Number.isInteger(errors) && errors >= 0 ? errors : null;
  if (errorCount !== null && errorCount > 0) {
    classes.add('UNKNOWN');
    reasons.push(`${errorCount} error${errorCount === 1 ? '' : 's'}`);
  }
  const errorList = errorCount !== null || errors === undefined || errors === null ? [] : Array.isArray(errors) ? errors : [errors];
  for (const e of errorList) {
    const text = typeof e === 'string' ? e : describeRaw(e);
    reasons.push(`error: ${text}`);
    classes.add(JUDGE.test(text) ? 'EVAL_JUDGE_FAILED' : 'UNKNOWN');
  }
  if (typeof t.reason === 'string' && JUDGE.test(t.reason)) {
    classes.add('EVAL_JUDGE_FAILED');
    reasons.push(`reason: ${t.reason}`);
  }
  const expected = t.expected_samples;
  const scored = t.scored_samples;
  if (!isCount(expected) || !isCount(scored)) {
    classes.add('SAMPLE_ACCOUNTING_FAILED');
    reasons.push(`sample counts missing or invalid (expected_samples ${describeRaw(expected)}, scored_samples ${describeRaw(scored)})`);
  } else if (scored !== expected) {
    classes.add('SAMPLE_ACCOUNTING_FAILED');
    reasons.push(`sample accounting: scored ${scored} of ${expected}`);
  } else if (expected === 0) {
    // 0 of 0 is "equal", but a score over no samples measures nothing: never a silent pass.
    classes.add('SAMPLE_ACCOUNTING_FAILED');
    reasons.push('sample accounting: no samples expected or scored');
  }
  if (typeof t.score !== 'number' || !Number.isFinite(t.score)) {
    classes.add('SAMPLE_ACCOUNTING_FAILED');
    reasons.push(`score ${describeRaw(t.score)} is not a finite number`);
  }
  const failure_class = PRIORITY.find((c) => classes.has(c)) ?? null;
  return { pass: reasons.length === 0, failure_class, reasons };
}

export function runValidityGate(name: string, summary: unknown, required = false): GateResult {
  const base = { name, kind: 'run-validity' as const, direction: null, threshold: null };
  if (summary === undefined) {
    if (required) return gateResult({ ...base, status: 'fail', value: null, note: 'no run summary — gate is required', failure_class: 'MISSING_INPUT' });
    return gateResult({ ...base, status: 'skipped', value: 0, note: 'input missing — gate skipped', failure_class: null });
  }
  const tasks = isRecord(summary) ? summary.tasks : undefined;
  if (!isRecord(tasks) || Object.keys(tasks).length === 0) {
    return gateResult({ ...base, status: 'fail', value: null, note: 'the run summary has no tasks', failure_class: 'USER_CONFIG_ERROR', evidence: { tasks: describeRaw(tasks) } });
  }
  const perTask: Record<string, TaskVerdict> = {};
  const failed: string[] = [];
  let cls: FailureClass | null = null;
  const names = Object.keys(tasks).sort();
  for (const n of names) {
    const v = judgeTask(tasks[n]);
    perTask[n] = v;
    if (!v.pass) {
      failed.push(n);
      if (v.failure_class && (cls === null || PRIORITY.indexOf(v.failure_class) < PRIORITY.indexOf(cls))) cls = v.failure_class;
    }
  }
  const passedCount = names.length - failed.length;
  const note = failed.length
    ? failed.slice(0, 5).map((n) => `${n}: ${perTask[n]?.reasons.join(', ')}`).join('; ') + (failed.length > 5 ? `; +${failed.length - 5} more` : '')
    : `${names.length} tasks complete`;
  return gateResult({
    ...base,
    status: failed.length ? 'fail' : 'pass',
    value: passedCount / names.length,
    note,
    failure_class: failed.length ? (cls ?? 'UNKNOWN') : null,
    evidence: { per_task: perTask, tasks: names.length, failed },
  });
}
