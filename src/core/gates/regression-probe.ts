/**
 * What Holm's family needs to know of a blocking significance gate before judging it: whether,
 * judged at its own alpha, it would be decided by intervals (a pass or a fail with no failure
 * class, an interval for its worst task) with every metric it compares judged on evidence — and
 * so which metrics are the family's members. Over 10,000 tasks that costs a pass over the tasks'
 * columns, not an evaluation at alpha whose output Holm then throws away for the one at alpha/m
 * (issue 14). Undefined wherever that is not certain without judging; the gate is then judged
 * at alpha as before.
 */
import { comparabilityIssues } from './comparability';
import { intervalMemo, type RegressionSettings } from './regression-task';
import { judgedOnEvidence } from './regression-table';
import { prepareTasks, type ComparisonSide, type RegressionMemo } from './regression-prepare';
import { inTaskOrder } from './regression-verdicts';

/** The metrics, in the order of the gate's verdicts, when the gate judged at `s.alpha` is decided with every one of them judged on evidence. */
export function decidedMembers(s: RegressionSettings, tier: string, candidate: ComparisonSide, baseline: ComparisonSide | undefined, memo: RegressionMemo): readonly string[] | undefined {
  if (s.mode !== 'significance' || s.alpha_by_metric !== undefined || !baseline) return undefined;
  const p = prepareTasks('', s, tier, candidate, baseline, memo);
  // An early answer (no tolerance for the tier, bad scales, a metric missing…) is never decided by an interval.
  if ('early' in p) return undefined;
  const { names } = p.table;
  // The family reads a gate's verdicts by position; where a record would reorder them, judge the gate.
  if (names.length === 0 || !inTaskOrder(names, p.unique)) return undefined;
  // Not comparable, and not allowed: a failure with a class.
  if (!s.comparability.allow && comparabilityIssues(baseline.context, candidate.context, s.comparability.keys).length > 0) return undefined;
  // No anomaly and no failure class: the gate's status is pass or fail, and its worst task has an interval.
  return judgedOnEvidence(p.table, s, p.tol, p.scaleOf, intervalMemo()) ? names : undefined;
}
