/** What every adapter shares: the context it runs in, metric building, schema checking. */
import type { z } from 'zod';
import type { Artefact, ArtefactKind } from '../artefact';
import { problemsFromZod, type Problem, type Result } from '../errors';
import { describeRaw, toMetricValue, type Metric } from '../metric';

export interface AdapterContext {
  /** The artefact's path as the user gave it; every problem names it. */
  file: string;
  sha256?: string;
  /** gaia-benchmark: the parsed ground-truth file, and its name for problems. */
  groundTruth?: unknown;
  groundTruthFile?: string;
}

export type Adapter = (input: unknown, ctx: AdapterContext) => Result<Artefact>;

/** Validate `input` with `schema`; problems carry the file and dotted path. */
export function check<S extends z.ZodType>(schema: S, input: unknown, file: string): Result<z.infer<S>> {
  const r = schema.safeParse(input);
  if (r.success) return { ok: true, value: r.data };
  return { ok: false, problems: problemsFromZod(r.error.issues, file) };
}

export interface MetricInit extends Omit<Metric, 'value' | 'invalid' | 'source'> {
  raw: unknown;
  pointer?: string;
  /**
   * The count fields the metric rests on, by their path in the file (`variants.candidate.step_count`):
   * each must be a non-negative integer when present. A count that is not makes the metric
   * invalid — the gate that reads it is ANOMALOUS with the field named, never a pass.
   */
  counts?: Record<string, unknown>;
}

function isCount(v: unknown): boolean {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

/**
 * What is wrong with a metric's numbers (SPEC §2.4 "values in range"), naming the field: a
 * proportion outside [0, 1], a score outside [0, scale], a negative cost, a count that is not a
 * non-negative integer, more successes than trials.
 */
function rangeProblem(init: MetricInit, value: number): string | undefined {
  const at = init.pointer ? ` at ${init.pointer}` : '';
  if (init.scale !== undefined && (value < 0 || value > init.scale)) {
    return `${value}${at} (expected ${init.scale === 1 ? 'a proportion in [0, 1]' : `a score in [0, ${init.scale}]`})`;
  }
  if (init.unit === 'USD' && value < 0) return `${value}${at} (expected a cost ≥ 0)`;
  for (const [field, raw] of Object.entries(init.counts ?? {})) {
    if (raw !== undefined && !isCount(raw)) return `${field} is ${describeRaw(raw)} (expected a non-negative integer count)`;
  }
  if (init.n !== undefined && init.successes !== undefined && init.successes > init.n) return `${init.successes} successes of ${init.n}${at} (more successes than trials)`;
  return undefined;
}

/** A metric from a raw value: non-finite or non-numeric raws, and numbers out of range, become `value: null` + `invalid`. */
export function makeMetric(kind: ArtefactKind, ctx: AdapterContext, init: MetricInit): Metric {
  const { raw, pointer, counts: _counts, ...rest } = init;
  const v = toMetricValue(raw);
  const problem = v.value !== null ? rangeProblem(init, v.value) : undefined;
  const m: Metric = { ...rest, value: problem ? null : v.value };
  if (v.invalid !== undefined) m.invalid = pointer ? `${v.invalid} at ${pointer}` : v.invalid;
  else if (problem) m.invalid = problem;
  m.source = { file: ctx.file, kind, ...(pointer !== undefined ? { pointer } : {}), ...(ctx.sha256 !== undefined ? { sha256: ctx.sha256 } : {}) };
  return m;
}

export function artefact(kind: ArtefactKind, ctx: AdapterContext, parts: Partial<Artefact>): Artefact {
  const metrics = (parts.metrics ?? []).filter((m) => m.name !== '');
  const dropped = (parts.metrics?.length ?? 0) - metrics.length;
  // A metric needs a name to be gated on; an empty key in a map cannot be one.
  const warnings = [...(parts.warnings ?? []), ...(dropped > 0 ? [{ file: ctx.file, path: '', message: `${dropped} entr${dropped === 1 ? 'y' : 'ies'} with an empty name ignored` }] : [])];
  return {
    kind,
    file: ctx.file,
    ...(ctx.sha256 !== undefined ? { sha256: ctx.sha256 } : {}),
    metadata: {},
    ...parts,
    metrics,
    warnings,
  };
}

export function fail(file: string, path: string, message: string): { ok: false; problems: Problem[] } {
  return { ok: false, problems: [{ file, path, message }] };
}

/** A non-negative integer count, or undefined (for `n`, which must be an integer). */
export function count(x: unknown): number | undefined {
  return typeof x === 'number' && Number.isSafeInteger(x) && x >= 0 ? x : undefined;
}

/** Re-exported: adapters and callers outside core import it from here. */
export { isRecord } from '../util';

/** JSON-pointer-ish path segment for a key that may contain dots or commas. */
export function key(k: string): string {
  return /^[A-Za-z_][\w-]*$/.test(k) ? `.${k}` : `[${JSON.stringify(k)}]`;
}
