import { describe, expect, it } from 'vitest';
import { decide } from '../../../src/core/decision';
import { gateResult, type FailureClass, type GateKind, type GateStatus } from '../../../src/core/gates/types';

const g = (status: GateStatus, failure_class: FailureClass | null = null, kind: GateKind = 'threshold') =>
  gateResult({ name: `${kind}-${status}`, kind, status, value: 0, threshold: 0, direction: null, note: '', failure_class });

describe('decision precedence', () => {
  it('any anomaly → ANOMALOUS, before infeasible and regressions', () => {
    const d = decide([g('fail', 'MODEL_UNSUPPORTED', 'checkpoint-validity'), g('fail'), g('anomalous', 'USER_CONFIG_ERROR', 'regression')]);
    expect(d).toEqual({ decision: 'ANOMALOUS', failure_class: 'USER_CONFIG_ERROR', overall_passed: false });
  });
  it('a MODEL_UNSUPPORTED or QUANT_COVERAGE_FAILURE validity failure → INFEASIBLE', () => {
    expect(decide([g('fail'), g('fail', 'QUANT_COVERAGE_FAILURE', 'checkpoint-validity')]).decision).toBe('INFEASIBLE');
  });
  it('other failures → REGRESSION with the first failure class', () => {
    expect(decide([g('pass'), g('fail'), g('fail', 'EVAL_JUDGE_FAILED', 'run-validity')])).toEqual({ decision: 'REGRESSION', failure_class: 'EVAL_JUDGE_FAILED', overall_passed: false });
  });
  it('passes and skips → ACCEPT', () => {
    expect(decide([g('pass'), g('skipped')])).toEqual({ decision: 'ACCEPT', failure_class: null, overall_passed: true });
    expect(decide([]).decision).toBe('ACCEPT');
  });
});
