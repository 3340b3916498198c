/**
 * The run's decision from its gates (SPEC §2.4). Precedence: any anomaly → ANOMALOUS; else a
 * validity failure of class MODEL_UNSUPPORTED or QUANT_COVERAGE_FAILURE → INFEASIBLE; else any
 * failed gate → REGRESSION; else ACCEPT. The failure class is the first one met in that order.
 */
import type { Decision, FailureClass, GateResult } from './gates/types';

export interface DecisionResult {
  decision: Decision;
  failure_class: FailureClass | null;
  overall_passed: boolean;
}

const INFEASIBLE_CLASSES: ReadonlySet<FailureClass> = new Set(['MODEL_UNSUPPORTED', 'QUANT_COVERAGE_FAILURE']);

export function decide(all: readonly GateResult[]): DecisionResult {
  // An advisory gate is reported, never counted (issue 16).
  const gates = all.filter((g) => g.evidence.advisory !== true);
  const anomalies = gates.filter((g) => g.status === 'anomalous');
  if (anomalies.length) return { decision: 'ANOMALOUS', failure_class: anomalies.find((g) => g.failure_class)?.failure_class ?? 'UNKNOWN', overall_passed: false };
  const failed = gates.filter((g) => g.status === 'fail');
  const infeasible = failed.find((g) => g.failure_class !== null && INFEASIBLE_CLASSES.has(g.failure_class));
  if (infeasible) return { decision: 'INFEASIBLE', failure_class: infeasible.failure_class, overall_passed: false };
  if (failed.length) return { decision: 'REGRESSION', failure_class: failed.find((g) => g.failure_class)?.failure_class ?? null, overall_passed: false };
  return { decision: 'ACCEPT', failure_class: null, overall_passed: true };
}
