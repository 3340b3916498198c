/**
 * A regression gate's per-task verdicts without their words: what the Holm family asks of every
 * metric a gate compares (issue 14). Kept beside the result's evidence (not in it, so the JSON is
 * unchanged) and built from the numbers pass's columns when first asked.
 */
import type { TaskRow } from './regression-task';
import { ANOMALOUS, FAIL, failureOf, type TaskColumns } from './regression-table';
import type { FailureClass, GateResult } from './types';

/** A task's verdict without its words. */
export interface TaskVerdict {
  status: TaskRow['status'];
  failure_class?: FailureClass;
  /** True where the row has an interval (a statistical verdict on evidence). */
  interval?: true;
}

/**
 * The same verdicts as arrays in `per_task`'s order: `judged` where a row is a statistical
 * verdict on evidence (an interval, no failure class), `failed` where it is also a fail. Over
 * 10,000 tasks the Holm family reads these by position, not by name (issue 14h).
 */
export interface TaskVerdictList {
  names: readonly string[];
  /** 1 or 0 for each name. */
  judged: Uint8Array;
  failed: Uint8Array;
}

const verdicts = new WeakMap<object, { record: () => Record<string, TaskVerdict>; list: () => TaskVerdictList | undefined }>();

/**
 * The per-task verdicts of a regression gate's result, keyed and ordered as `per_task` is,
 * without building its rows and notes (issue 14); undefined for any other result.
 */
export function taskVerdicts(r: GateResult): Record<string, TaskVerdict> | undefined {
  return verdicts.get(r.evidence)?.record();
}

/**
 * `taskVerdicts` as arrays; undefined for any other result, and where `per_task`'s order is not
 * the tasks' order (a name given twice, or an array-index name such as "7", which a record puts first).
 */
export function taskVerdictList(r: GateResult): TaskVerdictList | undefined {
  return verdicts.get(r.evidence)?.list();
}

const INDEX_LIKE = /^(?:0|[1-9][0-9]*)$/;
// Names in this array can be read by position (the answer kept for a gate's `metrics` list, the same array at every level Holm asks).
const positional = new WeakMap<readonly string[], boolean>();
/** Whether a record keyed by `names` keeps their order and all of them: no name twice, none that a record moves first (conservatively: all digits). */
export function inTaskOrder(names: readonly string[], unique: boolean): boolean {
  let known = positional.get(names);
  if (known === undefined) {
    known = (unique || new Set(names).size === names.length) && !names.some((n) => n.charCodeAt(0) <= 57 && n.charCodeAt(0) >= 48 && INDEX_LIKE.test(n));
    positional.set(names, known);
  }
  return known;
}

/** Keep the verdicts of `names` (judged in `cols`) for `evidence`; `unique` when the names are known to be distinct. */
export function keepVerdicts(evidence: object, names: readonly string[], cols: TaskColumns, statistical: boolean, unique: boolean): void {
  let record: Record<string, TaskVerdict> | undefined;
  let list: TaskVerdictList | null | undefined;
  const judgedAt = (i: number): boolean => statistical && cols.status[i] !== ANOMALOUS && cols.failure[i] === 0;
  verdicts.set(evidence, {
    record: () => {
      if (record) return record;
      // Filled like per_task (same keys, same order); a statistical row judged on evidence is the one with an interval.
      const out: Record<string, TaskVerdict> = {};
      for (let i = 0; i < names.length; i++) {
        const status = cols.status[i] === FAIL ? 'fail' : cols.status[i] === ANOMALOUS ? 'anomalous' : 'pass';
        const failure_class = failureOf(cols.failure[i] as number);
        out[names[i] as string] = { status, ...(failure_class !== undefined ? { failure_class } : {}), ...(judgedAt(i) ? { interval: true as const } : {}) };
      }
      return (record = out);
    },
    list: () => {
      if (list !== undefined) return list ?? undefined;
      if (!inTaskOrder(names, unique)) {
        list = null;
        return undefined;
      }
      const judged = new Uint8Array(names.length);
      const failed = new Uint8Array(names.length);
      for (let i = 0; i < names.length; i++) {
        if (judgedAt(i)) judged[i] = 1;
        if (cols.status[i] === FAIL && cols.failure[i] === 0) failed[i] = 1;
      }
      return (list = { names, judged, failed });
    },
  });
}
