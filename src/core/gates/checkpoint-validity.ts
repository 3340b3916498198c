/**
 * Checkpoint-validity gate (seed 002's quantization gate, SPEC §2.4) over a ptq summary
 * `{source_bytes, output_bytes, recipe, layer_precision_counts, metadata_diffs}`.
 */
import { fmt } from './threshold';
import { describeRaw } from '../metric';
import { gateResult, type FailureClass, type GateResult } from './types';
import { isRecord } from '../util';

export const RECIPE_BUCKETS: Record<string, string> = {
  nvfp4: 'NVFP4',
  nvfp4_mlp_only: 'NVFP4',
  nvfp4_experts_only: 'NVFP4',
  nvfp4_omlp_only: 'NVFP4',
  fp8: 'FP8',
  int4_awq: 'INT4',
};
const PRIORITY: FailureClass[] = ['MODEL_UNSUPPORTED', 'QUANT_COVERAGE_FAILURE', 'USER_CONFIG_ERROR'];


function isCount(v: unknown): boolean {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

/** `opts.file` names the summary in notes about values out of range. */
export function checkpointValidityGate(name: string, summary: unknown, opts: { recipe?: string; required?: boolean; file?: string } = {}): GateResult {
  const base = { name, kind: 'checkpoint-validity' as const, direction: 'max' as const, threshold: 1 };
  if (summary === undefined) {
    if (opts.required) return gateResult({ ...base, status: 'fail', value: null, note: 'no checkpoint summary — gate is required', failure_class: 'MISSING_INPUT' });
    return gateResult({ ...base, status: 'skipped', value: 0, note: 'input missing — gate skipped', failure_class: null });
  }
  if (!isRecord(summary)) {
    return gateResult({ ...base, status: 'fail', value: null, note: `the checkpoint summary is not an object (${describeRaw(summary)})`, failure_class: 'USER_CONFIG_ERROR' });
  }
  const found: Array<[FailureClass, string]> = [];
  // Values no checkpoint can have (SPEC §2.4 "values in range"): a negative or non-numeric
  // size, a count that is not a non-negative integer. They make the gate ANOMALOUS with the
  // field named, whatever else it finds: a broken scan is not a verdict on the model.
  const outOfRange: string[] = [];
  const where = opts.file ? `${opts.file}: ` : '';
  const src = summary.source_bytes;
  const out = summary.output_bytes;
  let ratio: number | null = null;
  for (const [field, v] of [['source_bytes', src], ['output_bytes', out]] as const) {
    if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v) || v < 0)) outOfRange.push(`${where}${field} is ${describeRaw(v)} (expected a size in bytes ≥ 0)`);
  }
  // A size is a positive number of bytes: a zero or negative output is a broken export or a
  // broken scan, and would otherwise read as "smaller than the source".
  if (typeof src !== 'number' || typeof out !== 'number' || !Number.isFinite(src) || !Number.isFinite(out) || src <= 0 || out <= 0) {
    found.push(['USER_CONFIG_ERROR', `sizes must be numbers > 0 (source_bytes ${describeRaw(src)}, output_bytes ${describeRaw(out)})`]);
  } else {
    ratio = out / src;
    if (ratio >= 1) found.push(['QUANT_COVERAGE_FAILURE', `output is not smaller than the source (size ratio ${fmt(ratio)})`]);
  }
  const recipeRaw = opts.recipe ?? summary.recipe;
  const recipe = typeof recipeRaw === 'string' ? recipeRaw.toLowerCase() : undefined;
  const bucket = recipe !== undefined ? RECIPE_BUCKETS[recipe] : undefined;
  const counts = isRecord(summary.layer_precision_counts) ? summary.layer_precision_counts : {};
  if (bucket === undefined) {
    found.push(['USER_CONFIG_ERROR', `unknown recipe ${describeRaw(recipeRaw)} (known: ${Object.keys(RECIPE_BUCKETS).join(', ')})`]);
  } else {
    // Precision names are matched without case: `nvfp4` and `NVFP4` are the same bucket.
    const key = bucket in counts ? bucket : Object.keys(counts).find((k) => k.toUpperCase() === bucket);
    const count = key === undefined ? undefined : counts[key];
    // Zero or missing: the recipe quantized nothing (MODEL_UNSUPPORTED). Anything else that is
    // not a count is a broken summary, not a verdict on the model.
    if (count !== undefined && !isCount(count)) outOfRange.push(`${where}layer_precision_counts.${key} is ${describeRaw(count)} (expected a non-negative integer count)`);
    if (count === undefined || count === null || count === 0) found.push(['MODEL_UNSUPPORTED', `no ${bucket} layers (count ${describeRaw(count)}) for recipe ${recipe}${key === undefined ? `; layer_precision_counts.${bucket} is missing (keys: ${Object.keys(counts).join(', ') || 'none'})` : ''}`]);
    else if (typeof count !== 'number' || !Number.isFinite(count) || count < 0) found.push(['USER_CONFIG_ERROR', `layer_precision_counts.${bucket} is not a count (${describeRaw(count)})`]);
  }
  for (const key of ['unexpected_unquantized', 'declaration_mismatch']) {
    const v = counts[key];
    if (v === undefined) continue;
    // null is no count: "unexpected_unquantized: null" is a broken scan, not "none unquantized".
    if (!isCount(v)) outOfRange.push(`${where}layer_precision_counts.${key} is ${describeRaw(v)} (expected a non-negative integer count)`);
    else if ((v as number) > 0) found.push(['QUANT_COVERAGE_FAILURE', `${v} layers ${key.replace('_', ' ')}`]);
  }
  const diffs = summary.metadata_diffs;
  if (diffs !== undefined && diffs !== null) {
    const count = Array.isArray(diffs) ? diffs.length : isRecord(diffs) ? Object.keys(diffs).length : -1;
    if (count < 0) found.push(['USER_CONFIG_ERROR', `metadata_diffs is not a list (${describeRaw(diffs)})`]);
    else if (count > 0) found.push(['QUANT_COVERAGE_FAILURE', `${count} metadata diff${count === 1 ? '' : 's'}: ${JSON.stringify(diffs).slice(0, 200)}`]);
  }
  const cls = PRIORITY.find((c) => found.some(([k]) => k === c)) ?? null;
  const evidence = { size_ratio: ratio, recipe: recipe ?? null, bucket: bucket ?? null, reasons: found.map(([c, r]) => `${c}: ${r}`), ...(outOfRange.length ? { out_of_range: outOfRange } : {}) };
  if (outOfRange.length) {
    return gateResult({ ...base, status: 'anomalous', value: ratio, note: `values out of range: ${outOfRange.join('; ')}`, failure_class: 'USER_CONFIG_ERROR', evidence });
  }
  return gateResult({
    ...base,
    status: found.length ? 'fail' : 'pass',
    value: ratio,
    note: found.length ? found.map(([, r]) => r).join('; ') : `size ratio ${fmt(ratio ?? NaN)}, ${bucket} layers present`,
    failure_class: cls,
    evidence,
  });
}
