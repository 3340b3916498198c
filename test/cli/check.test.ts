import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli';

const task = (over: Record<string, unknown> = {}) => ({ status: 'SUCCESS', expected_samples: 100, scored_samples: 100, score: 0.71, errors: [], ...over });

function checkRun(summary: unknown | string, flag = '--summary') {
  const dir = tempDir();
  writeFileSync(join(dir, 'run.json'), typeof summary === 'string' ? summary : JSON.stringify(summary));
  const r = runCli(['check', 'run', flag, 'run.json', '--json'], { cwd: dir });
  return { ...r, report: r.code !== 2 ? (JSON.parse(r.stdout) as Record<string, unknown>) : undefined };
}

describe('greenlight check run (seed 002 run gate)', () => {
  it('a clean run passes, exit 0', () => {
    const r = checkRun({ tasks: { gpqa: task(), mmlu: task() } });
    expect(r.code).toBe(0);
    expect(r.report).toMatchObject({ pass: true, decision: 'ACCEPT', failure_class: null });
  });
  it('--run is an alias of --summary', () => {
    expect(checkRun({ tasks: { gpqa: task() } }, '--run').code).toBe(0);
  });
  it.each([
    ['scored 90 of 100', 'SAMPLE_ACCOUNTING_FAILED', { gpqa: task({ scored_samples: 90 }) }],
    ['judge rate limit exceeded', 'EVAL_JUDGE_FAILED', { gpqa: task({ status: 'FAILED', errors: ['judge rate limit exceeded'] }) }],
    ['score null', 'SAMPLE_ACCOUNTING_FAILED', { gpqa: task({ score: null }) }],
    ['score "42"', 'SAMPLE_ACCOUNTING_FAILED', { gpqa: task({ score: '42' }) }],
    ['TIMEOUT', 'INFRA_TRANSIENT', { gpqa: task({ status: 'TIMEOUT' }) }],
    ['RUNNING', 'INFRA_TRANSIENT', { gpqa: task({ status: 'RUNNING' }) }],
    ['lowercase success', 'UNKNOWN', { gpqa: task({ status: 'success' }) }],
    ['no tasks', 'USER_CONFIG_ERROR', {}],
    ['SUCCESS without sample counts', 'SAMPLE_ACCOUNTING_FAILED', { gpqa: { status: 'SUCCESS', score: 0.7, errors: [] } }],
  ])('%s → %s, exit 1', (_what, cls, tasks) => {
    const r = checkRun({ tasks });
    expect(r.code).toBe(1);
    expect(r.report).toMatchObject({ pass: false, failure_class: cls });
  });
  it('a NaN score written by Python is read and judged, not a parse error', () => {
    const r = checkRun('{"tasks": {"gpqa": {"status": "SUCCESS", "expected_samples": 1, "scored_samples": 1, "score": NaN, "errors": []}}}');
    expect(r.code).toBe(1);
    expect(r.report?.failure_class).toBe('SAMPLE_ACCOUNTING_FAILED');
  });
  it('an unreadable summary is exit 2', () => {
    expect(runCli(['check', 'run', '--summary', 'missing.json'], { cwd: tempDir() }).code).toBe(2);
    expect(checkRun('{not json').code).toBe(2);
  });
});

const ptq = (over: Record<string, unknown> = {}, counts: Record<string, unknown> = {}) => ({
  source_bytes: 16_000_000_000,
  output_bytes: 5_000_000_000,
  recipe: 'nvfp4',
  layer_precision_counts: { NVFP4: 224, FP8: 0, INT4: 0, BF16_or_excluded: 34, unexpected_unquantized: 0, declaration_mismatch: 0, ...counts },
  metadata_diffs: [],
  ...over,
});

function checkCkpt(summary: unknown, extra: string[] = []) {
  const dir = tempDir();
  writeFileSync(join(dir, 'validation-summary.json'), JSON.stringify(summary));
  const r = runCli(['check', 'checkpoint', '--summary', 'validation-summary.json', '--json', ...extra], { cwd: dir });
  return { ...r, report: r.code !== 2 ? (JSON.parse(r.stdout) as Record<string, unknown>) : undefined };
}

describe('greenlight check checkpoint (seed 002 quantization gate)', () => {
  it('a valid summary passes', () => {
    const r = checkCkpt(ptq());
    expect(r.code).toBe(0);
    expect(r.report).toMatchObject({ pass: true, decision: 'ACCEPT', size_ratio: 0.3125 });
  });
  it.each([
    ['output = source', 'QUANT_COVERAGE_FAILURE', 'INFEASIBLE', ptq({ output_bytes: 16_000_000_000 })],
    ['NVFP4 count 0', 'MODEL_UNSUPPORTED', 'INFEASIBLE', ptq({}, { NVFP4: 0 })],
    ['24 unexpected unquantized', 'QUANT_COVERAGE_FAILURE', 'INFEASIBLE', ptq({}, { unexpected_unquantized: 24 })],
    // Issue 10, point 5: these were ACCEPT.
    ['unexpected_unquantized null', 'USER_CONFIG_ERROR', 'ANOMALOUS', ptq({}, { unexpected_unquantized: null })],
    ['declaration_mismatch -3', 'USER_CONFIG_ERROR', 'ANOMALOUS', ptq({}, { declaration_mismatch: -3 })],
    ['a metadata diff', 'QUANT_COVERAGE_FAILURE', 'INFEASIBLE', ptq({ metadata_diffs: [{ key: 'quant_algo' }] })],
    ['recipe mystery', 'USER_CONFIG_ERROR', 'REGRESSION', ptq({ recipe: 'mystery' })],
    // A size that is not a number is a value out of range (issue 10, point 5): ANOMALOUS, not a plain failure.
    ['sizes that are strings', 'USER_CONFIG_ERROR', 'ANOMALOUS', ptq({ output_bytes: 'big' })],
  ])('%s → %s (%s), exit 1', (_w, cls, decision, summary) => {
    const r = checkCkpt(summary);
    expect(r.code).toBe(1);
    expect(r.report).toMatchObject({ pass: false, failure_class: cls, decision });
  });
  it('--recipe overrides the summary', () => {
    expect(checkCkpt(ptq(), ['--recipe', 'fp8']).report?.failure_class).toBe('MODEL_UNSUPPORTED');
  });
});
