import { describe, expect, it } from 'vitest';
import { checkpointValidityGate } from '../../../src/core/gates/checkpoint-validity';
import { runValidityGate } from '../../../src/core/gates/run-validity';

const task = (over: Record<string, unknown> = {}) => ({ status: 'SUCCESS', expected_samples: 100, scored_samples: 100, score: 0.71, errors: [], ...over });
const run = (tasks: unknown) => runValidityGate('run_complete', { tasks });

describe('run-validity gate (seed 002 gate_run)', () => {
  it('a clean run passes', () => {
    const g = run({ gpqa: task(), mmlu: task({ score: 55 }) });
    expect(g.status).toBe('pass');
    expect(g.failure_class).toBeNull();
  });
  it('scored 90 of 100 → SAMPLE_ACCOUNTING_FAILED', () => {
    const g = run({ gpqa: task({ scored_samples: 90 }) });
    expect(g.failure_class).toBe('SAMPLE_ACCOUNTING_FAILED');
    expect(g.note).toContain('scored 90 of 100');
  });
  it('"judge rate limit exceeded" → EVAL_JUDGE_FAILED', () => {
    const g = run({ gpqa: task({ status: 'FAILED', errors: ['judge rate limit exceeded'], scored_samples: 40 }) });
    expect(g.failure_class).toBe('EVAL_JUDGE_FAILED');
  });
  it.each([[null], ['42'], [NaN], [undefined]])('score %j → SAMPLE_ACCOUNTING_FAILED', (score) => {
    expect(run({ gpqa: task({ score }) }).failure_class).toBe('SAMPLE_ACCOUNTING_FAILED');
  });
  it.each([['TIMEOUT'], ['RUNNING'], ['RESUMING'], ['PENDING']])('%s → INFRA_TRANSIENT', (status) => {
    const g = run({ gpqa: task({ status }) });
    expect(g.status).toBe('fail');
    expect(g.failure_class).toBe('INFRA_TRANSIENT');
  });
  it('errors as a count: 0 is a clean task, 3 fails with "3 errors"', () => {
    expect(run({ gpqa: task({ errors: 0 }) }).status).toBe('pass');
    const g = run({ gpqa: task({ errors: 3 }) });
    expect(g.status).toBe('fail');
    expect(g.failure_class).toBe('UNKNOWN');
    expect(g.note).toContain('3 errors');
  });
  it('lowercase success fails', () => {
    const g = run({ gpqa: task({ status: 'success' }) });
    expect(g.status).toBe('fail');
    expect(g.failure_class).toBe('UNKNOWN');
  });
  it('no tasks → USER_CONFIG_ERROR', () => {
    expect(run({}).failure_class).toBe('USER_CONFIG_ERROR');
    expect(runValidityGate('r', {}).failure_class).toBe('USER_CONFIG_ERROR');
    expect(runValidityGate('r', [1, 2]).failure_class).toBe('USER_CONFIG_ERROR');
  });
  it('SUCCESS with the sample counts missing fails (seed 002 let it pass)', () => {
    const g = run({ gpqa: { status: 'SUCCESS', score: 0.7 } });
    expect(g.status).toBe('fail');
    expect(g.failure_class).toBe('SAMPLE_ACCOUNTING_FAILED');
  });
});

const ptq = (over: Record<string, unknown> = {}, counts: Record<string, unknown> = {}) => ({
  source_bytes: 16e9,
  output_bytes: 5e9,
  recipe: 'nvfp4',
  layer_precision_counts: { NVFP4: 224, FP8: 0, INT4: 0, BF16_or_excluded: 34, unexpected_unquantized: 0, declaration_mismatch: 0, ...counts },
  metadata_diffs: [],
  ...over,
});

describe('checkpoint-validity gate (seed 002 gate_ptq)', () => {
  it('a valid summary passes', () => {
    const g = checkpointValidityGate('ckpt', ptq());
    expect(g.status).toBe('pass');
    expect(g.value).toBeCloseTo(5 / 16, 12);
  });
  it('precision names match without case (nvfp4 counts as NVFP4)', () => {
    const g = checkpointValidityGate('ckpt', { source_bytes: 16e9, output_bytes: 5e9, recipe: 'nvfp4', layer_precision_counts: { nvfp4: 200, bf16: 4 }, metadata_diffs: [] });
    expect(g.status).toBe('pass');
    const missing = checkpointValidityGate('ckpt', { source_bytes: 16e9, output_bytes: 5e9, recipe: 'nvfp4', layer_precision_counts: { bf16: 4 } });
    expect(missing.failure_class).toBe('MODEL_UNSUPPORTED');
    expect(missing.note).toContain('layer_precision_counts.NVFP4');
  });
  it('output = source → QUANT_COVERAGE_FAILURE', () => {
    expect(checkpointValidityGate('ckpt', ptq({ output_bytes: 16e9 })).failure_class).toBe('QUANT_COVERAGE_FAILURE');
  });
  it('NVFP4 count 0 → MODEL_UNSUPPORTED (and it outranks the other classes)', () => {
    expect(checkpointValidityGate('ckpt', ptq({}, { NVFP4: 0 })).failure_class).toBe('MODEL_UNSUPPORTED');
    expect(checkpointValidityGate('ckpt', ptq({ output_bytes: 20e9, metadata_diffs: ['x'] }, { NVFP4: 0 })).failure_class).toBe('MODEL_UNSUPPORTED');
  });
  it('24 unexpected unquantized → QUANT_COVERAGE_FAILURE', () => {
    const g = checkpointValidityGate('ckpt', ptq({}, { unexpected_unquantized: 24 }));
    expect(g.failure_class).toBe('QUANT_COVERAGE_FAILURE');
    expect(g.note).toContain('24');
  });
  it('a metadata diff → QUANT_COVERAGE_FAILURE', () => {
    expect(checkpointValidityGate('ckpt', ptq({ metadata_diffs: [{ key: 'quant_algo', expected: 'NVFP4', found: 'FP8' }] })).failure_class).toBe('QUANT_COVERAGE_FAILURE');
  });
  it('recipe mystery → USER_CONFIG_ERROR; the recipe is lower-cased; --recipe wins', () => {
    expect(checkpointValidityGate('ckpt', ptq({ recipe: 'mystery' })).failure_class).toBe('USER_CONFIG_ERROR');
    expect(checkpointValidityGate('ckpt', ptq({ recipe: 'NVFP4_MLP_ONLY' })).status).toBe('pass');
    expect(checkpointValidityGate('ckpt', ptq(), { recipe: 'fp8' }).failure_class).toBe('MODEL_UNSUPPORTED');
  });
  it('sizes that are not numbers, or a zero source → USER_CONFIG_ERROR', () => {
    expect(checkpointValidityGate('ckpt', ptq({ source_bytes: '16e9' })).failure_class).toBe('USER_CONFIG_ERROR');
    expect(checkpointValidityGate('ckpt', ptq({ source_bytes: 0 })).failure_class).toBe('USER_CONFIG_ERROR');
  });
});
