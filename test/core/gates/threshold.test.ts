import { describe, expect, it } from 'vitest';
import { evaluatePolicy } from '../../../src/core/evaluate';
import { BUILTIN_POLICY } from '../../../src/core/project';
import type { Metric } from '../../../src/core/metric';

const m = (name: string, value: number, extra: Partial<Metric> = {}): Metric => ({ name, value, higherIsBetter: true, ...extra });
const BASE_VALUES: Metric[] = [
  m('task_pass_rate', 0.4),
  m('parser_validity', 0.95),
  m('grounding_accuracy', 0.55),
  m('forbidden_region_avoidance', 0.9),
  m('loop_rate', 0.1, { higherIsBetter: false }),
  m('gallery_recovery_rate', 0.7),
  m('escalation_rate', 0.1, { higherIsBetter: false }),
  m('done_completeness', 0.7),
  m('cost_per_success_usd', 0.5, { higherIsBetter: false }),
];

function run(tier: string | undefined, metrics: Metric[], overrides?: Record<string, number>) {
  const r = evaluatePolicy(BUILTIN_POLICY, tier, metrics, { overrides });
  if (!r.ok) throw new Error(r.problems[0]?.message);
  return r.value;
}

describe('threshold gates with the built-in policy (seed 000)', () => {
  it('values exactly at the min and max thresholds pass: the base-tier values pass at base', () => {
    const r = run('base', BASE_VALUES);
    expect(r.gates.map((g) => g.status)).toEqual(Array(9).fill('pass'));
    expect(r.overall_passed).toBe(true);
    expect(r.decision).toBe('ACCEPT');
  });
  it('the same values fail at first_sft (the default tier)', () => {
    const r = run(undefined, BASE_VALUES);
    expect(r.tier).toBe('first_sft');
    expect(r.gates.every((g) => g.status === 'fail')).toBe(true);
    expect(r.overall_passed).toBe(false);
    expect(r.decision).toBe('REGRESSION');
  });
  it('an unknown tier is a usage error', () => {
    const r = evaluatePolicy(BUILTIN_POLICY, 'prod_only', BASE_VALUES);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]?.message).toMatch(/unknown tier "prod_only"/);
  });
  it('no inputs: every gate skipped with value 0 and the note, overall passes', () => {
    const r = run('first_sft', []);
    for (const g of r.gates) {
      expect(g.status).toBe('skipped');
      expect(g.passed).toBe(true);
      expect(g.value).toBe(0);
      expect(g.note).toBe('input missing — gate skipped');
    }
    expect(r.overall_passed).toBe(true);
  });
  it('a required gate with no input fails with MISSING_INPUT', () => {
    const policy = { ...BUILTIN_POLICY, gates: BUILTIN_POLICY.gates.map((g) => (g.name === 'task_pass_rate' ? { ...g, required: true } : g)) };
    const r = evaluatePolicy(policy, 'first_sft', []);
    expect(r.ok && r.value.decision).toBe('REGRESSION');
    expect(r.ok && r.value.failure_class).toBe('MISSING_INPUT');
    // No input is no value: null, as every other gate reports it (0 read as a measured 0).
    const g = r.ok ? r.value.gates.find((x) => x.name === 'task_pass_rate') : undefined;
    expect(g).toMatchObject({ status: 'fail', value: null });
    // A gate that is not required keeps seed 000's skipped shape, value 0.
    expect(r.ok && r.value.gates.find((x) => x.name === 'loop_rate_max')).toMatchObject({ status: 'skipped', value: 0 });
  });
  it('an override 0.99 beats a report value 0.10', () => {
    const r = run('first_sft', [m('task_pass_rate', 0.1)], { task_pass_rate: 0.99 });
    const g = r.gates.find((x) => x.name === 'task_pass_rate');
    expect(g?.value).toBe(0.99);
    expect(g?.status).toBe('pass');
  });
  it('an override may name the gate (loop_rate_max) instead of its metric', () => {
    const r = run('first_sft', [], { loop_rate_max: 0.2 });
    expect(r.gates.find((x) => x.name === 'loop_rate_max')?.status).toBe('fail');
  });
  it('a NaN override is anomalous, never passed', () => {
    const r = run('first_sft', [m('task_pass_rate', 0.9)], { task_pass_rate: NaN });
    const g = r.gates.find((x) => x.name === 'task_pass_rate');
    expect(g?.status).toBe('anomalous');
    expect(g?.passed).toBe(false);
    expect(g?.value).toBeNull();
    expect(r.decision).toBe('ANOMALOUS');
  });
  it('an invalid artefact value is anomalous', () => {
    const r = run('first_sft', [{ name: 'task_pass_rate', value: null, invalid: '"0.9"', higherIsBetter: true }]);
    expect(r.gates[0]?.status).toBe('anomalous');
    expect(r.gates[0]?.failure_class).toBe('SAMPLE_ACCOUNTING_FAILED');
  });
  it('zero passes → no cost metric → the cost gate is skipped', () => {
    const r = run('first_sft', [m('task_pass_rate', 0)]);
    expect(r.gates.find((g) => g.name === 'cost_per_success_usd_max')?.status).toBe('skipped');
  });
  it('a tier with no threshold for a gate fails with "no threshold for tier"', () => {
    const policy = { ...BUILTIN_POLICY, tiers: [...BUILTIN_POLICY.tiers, 'canary'] };
    const r = evaluatePolicy(policy, 'canary', [m('task_pass_rate', 0.9)]);
    expect(r.ok && r.value.gates[0]?.note).toBe('no threshold for tier canary');
    expect(r.ok && r.value.gates[0]?.status).toBe('fail');
  });
});
