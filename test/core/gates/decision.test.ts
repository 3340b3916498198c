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
  });
  // Issue 10, point 6: ACCEPT needs at least one gate decided on evidence. (This test said
  // decide([]) is ACCEPT: the very bug — a policy with no gates accepted everything.)
  it('no gates, or every gate skipped → INCONCLUSIVE (MISSING_INPUT); seed 000\'s overall_passed keeps its rule', () => {
    expect(decide([])).toMatchObject({ decision: 'INCONCLUSIVE', failure_class: 'MISSING_INPUT', overall_passed: true });
    expect(decide([g('skipped'), g('skipped')])).toMatchObject({ decision: 'INCONCLUSIVE', failure_class: 'MISSING_INPUT', overall_passed: true });
    expect(decide([g('skipped'), g('fail')]).decision).toBe('REGRESSION');
  });
  it('inconclusive: block — an underpowered required regression gate makes the decision INCONCLUSIVE', () => {
    const weak = gateResult({ name: 'no_regression', kind: 'regression', status: 'pass', value: 0, threshold: 0.05, direction: 'max', note: 'underpowered', failure_class: null, evidence: { underpowered: true } });
    const required = new Set(['no_regression']);
    expect(decide([g('pass'), weak], { inconclusive: 'block', required }).decision).toBe('INCONCLUSIVE');
    expect(decide([g('pass'), weak], { inconclusive: 'accept', required }).decision).toBe('ACCEPT');
    expect(decide([g('pass'), weak]).decision).toBe('ACCEPT'); // the default is accept
    expect(decide([g('pass'), weak], { inconclusive: 'block', required: new Set() }).decision).toBe('ACCEPT'); // not required
  });
});
