/**
 * Seed review points checked on the pure gate code, where the CLI cannot reach every case
 * (see test/cli/seed-review.test.ts for the command-line side).
 */
import { describe, expect, it } from 'vitest';
import { checkpointValidityGate } from '../../../src/core/gates/checkpoint-validity';
import { judgeTask } from '../../../src/core/gates/run-validity';
import { selectionAction, selectionGate, selectionScore } from '../../../src/core/gates/selection';
import { describeRaw } from '../../../src/core/metric';
import { unusedOverrides } from '../../../src/core/evaluate';
import { BUILTIN_POLICY, parsePolicy } from '../../../src/core/project';

const score = (h: number, s: number, metric: string, w?: number): number => {
  const r = selectionScore(h, s, metric, w);
  if (!r.ok) throw new Error('usage');
  return r.value;
};

describe('seed 003 (select_gate_score / evaluate_gate)', () => {
  // The PR's tests: "boundary mixed_weight values (0.0 / 1.0)".
  it('mixed at w = 0 is exactly hard, at w = 1 exactly soft', () => {
    expect(score(0.8, 0.3, 'mixed', 0)).toBe(0.8);
    expect(score(0.8, 0.3, 'mixed', 1)).toBe(0.3);
  });
  // Fixed: `cand_score > current_score` on floats. Whenever hard = soft = current, the mixed
  // score is a tie, whatever rounding the weights bring; a tie rejects.
  it('a candidate whose mixed score equals current up to rounding is rejected, for every weight', () => {
    const noisy: string[] = [];
    for (let wi = 0; wi <= 20; wi++) {
      for (let hi = 0; hi <= 100; hi++) {
        const w = wi / 20;
        const h = hi / 100;
        if (selectionAction(score(h, h, 'mixed', w), h, h) !== 'reject') noisy.push(`w=${w} h=${h}`);
      }
    }
    expect(noisy).toEqual([]);
    expect(score(0.3, 0.3, 'mixed', 0.1)).toBeGreaterThan(0.3); // the rounding the fix forgives
  });
  it('a real improvement still accepts, and a tie with best (above current) accepts without a new best', () => {
    expect(selectionAction(0.3000001, 0.3, 0.3)).toBe('accept_new_best');
    expect(selectionAction(0.8, 0.5, 0.8 + 1e-17)).toBe('accept');
  });
  // Python's max(0, min(1, nan)) turns a NaN weight into 1.0 (soft only), silently.
  it('a NaN mixed weight is not clamped into a number: the gate is anomalous', () => {
    const g = selectionGate({ name: 's', metric: 'mixed', mixedWeight: NaN, candidate: { hard: 0.9, soft: 0.1 }, current: 0.5 });
    expect(g.status).toBe('anomalous');
    expect(g.passed).toBe(false);
  });
  it('NaN as current or best rejects (anomalous), it never accepts', () => {
    for (const [current, best] of [[NaN, 0.5], [0.5, NaN]] as const) {
      const g = selectionGate({ name: 's', metric: 'hard', mixedWeight: 0.5, candidate: { hard: 0.9, soft: 0 }, current, best });
      expect(g.status).toBe('anomalous');
      expect(g.note).toMatch(/^reject/);
    }
  });
});

describe('seed 002 gate_run (run-validity)', () => {
  const ok = { status: 'SUCCESS', expected_samples: 10, scored_samples: 10, score: 0.5, errors: [] };
  it.each([['judge returned 500'], ['RateLimitError: 429'], ['HTTP 401 Unauthorized'], ['authentication failed'], ['auth token expired'], ['authorization denied']])('"%s" → EVAL_JUDGE_FAILED', (e) => {
    expect(judgeTask({ ...ok, status: 'FAILED', errors: [e] }).failure_class).toBe('EVAL_JUDGE_FAILED');
  });
  // Fixed: /\bauth/ also matched "author" and "authored".
  it.each([['author field missing'], ['row authored by bot']])('"%s" is not a judge failure', (e) => {
    expect(judgeTask({ ...ok, status: 'FAILED', errors: [e] }).failure_class).toBe('UNKNOWN');
  });
  it('0 of 0 samples fails (fixed); 10 of 10 passes', () => {
    expect(judgeTask({ ...ok, expected_samples: 0, scored_samples: 0 })).toMatchObject({ pass: false, failure_class: 'SAMPLE_ACCOUNTING_FAILED' });
    expect(judgeTask(ok).pass).toBe(true);
  });
});

describe('seed 002 gate_ptq (checkpoint-validity)', () => {
  const ptq = (over: Record<string, unknown> = {}) => ({ source_bytes: 100, output_bytes: 40, recipe: 'fp8', layer_precision_counts: { FP8: 3 }, metadata_diffs: [], ...over });
  it('a 0-byte or negative output is USER_CONFIG_ERROR (fixed), a 40% output passes', () => {
    expect(checkpointValidityGate('c', ptq()).status).toBe('pass');
    expect(checkpointValidityGate('c', ptq({ output_bytes: 0 }))).toMatchObject({ status: 'fail', failure_class: 'USER_CONFIG_ERROR' });
    // A negative size is a value out of range (issue 10, point 5): ANOMALOUS, field named.
    const neg = checkpointValidityGate('c', ptq({ output_bytes: -1 }), { file: 'ptq.json' });
    expect(neg).toMatchObject({ status: 'anomalous', failure_class: 'USER_CONFIG_ERROR' });
    expect(neg.note).toMatch(/ptq\.json: output_bytes is -1/);
  });
  it('a bucket count of NaN, -3 or "3" is USER_CONFIG_ERROR; 0 and missing are MODEL_UNSUPPORTED', () => {
    for (const FP8 of [NaN, -3, '3', null, 2.5]) expect(checkpointValidityGate('c', ptq({ layer_precision_counts: { FP8 } }))).toMatchObject({ status: 'anomalous', failure_class: 'USER_CONFIG_ERROR' });
    expect(checkpointValidityGate('c', ptq({ layer_precision_counts: { FP8: 0 } })).failure_class).toBe('MODEL_UNSUPPORTED');
    expect(checkpointValidityGate('c', ptq({ layer_precision_counts: {} })).failure_class).toBe('MODEL_UNSUPPORTED');
  });
});

describe('notes show raw values as they are', () => {
  // Fixed: describeRaw() called on finite numbers printed "Infinity" for 10 and "-Infinity" for 0.
  it('finite numbers are themselves; non-finite and missing are named', () => {
    expect([10, 0, -1, 10.5].map(describeRaw)).toEqual(['10', '0', '-1', '10.5']);
    expect([NaN, Infinity, -Infinity, undefined, null, '10'].map(describeRaw)).toEqual(['NaN', 'Infinity', '-Infinity', 'missing', 'null', '"10"']);
  });
});

describe('seed 000 --metric overrides that no gate reads', () => {
  it('a typo is unused; a gate name, a gate metric and selection metrics are used', () => {
    expect(unusedOverrides(BUILTIN_POLICY, { parser_valdity: 0.99, parser_validity: 0.99, loop_rate: 0.01, loop_rate_max: 0.01 })).toEqual(['parser_valdity']);
    const p = parsePolicy({ gates: [{ name: 'select', kind: 'selection', metric: 'mixed' }] });
    if (!p.ok) throw new Error('policy');
    expect(unusedOverrides(p.value, { hard: 1, soft: 1, hrad: 1 })).toEqual(['hrad']);
  });
  it('a regression gate over every metric reads any override', () => {
    const p = parsePolicy({ gates: [{ name: 'r', kind: 'regression' }] });
    if (!p.ok) throw new Error('policy');
    expect(unusedOverrides(p.value, { anything: 1 })).toEqual([]);
  });
  it('the name of a gate with no single metric is unused (the override changes nothing)', () => {
    const p = parsePolicy({
      gates: [
        { name: 'select', kind: 'selection', metric: 'mixed' },
        { name: 'run_ok', kind: 'run-validity' },
        { name: 'ckpt_ok', kind: 'checkpoint-validity' },
        { name: 'multi', kind: 'regression', metrics: ['a', 'b'] },
        { name: 'single', kind: 'regression', metric: 'c' },
      ],
    });
    if (!p.ok) throw new Error(JSON.stringify(p.problems));
    expect(unusedOverrides(p.value, { select: 1, run_ok: 1, ckpt_ok: 1, multi: 1, single: 1, a: 1, c: 1 })).toEqual(['select', 'run_ok', 'ckpt_ok', 'multi']);
  });
});
