/**
 * The one metric type every gate reads (SPEC §2.1). Adapters produce it; gates, the
 * scorecard and diffs consume it. A value that is not a finite number is never a metric
 * value: it is kept as `value: null` with `invalid` saying what was found, and any gate that
 * reads it is ANOMALOUS.
 */
import { z } from 'zod';

export const MetricSourceSchema = z.object({
  file: z.string(),
  kind: z.string(),
  /** Where in the file the value came from, e.g. `results.gsm8k["exact_match,strict-match"]`. */
  pointer: z.string().optional(),
  sha256: z.string().optional(),
});
export type MetricSource = z.infer<typeof MetricSourceSchema>;

export const BreakdownEntrySchema = z.object({
  category: z.string(),
  value: z.number(),
  n: z.number().optional(),
});
export type BreakdownEntry = z.infer<typeof BreakdownEntrySchema>;

export const MetricSchema = z.object({
  name: z.string().min(1),
  /** Finite number, or null when the artefact held something else (see `invalid`). */
  value: z.number().nullable(),
  /** Set when the raw value was not a finite number: what was found, e.g. `NaN`, `"42"`. */
  invalid: z.string().optional(),
  higherIsBetter: z.boolean(),
  /** 1 for a 0–1 ratio, 100 for a 0–100 score; absent for unbounded quantities. */
  scale: z.number().positive().optional(),
  unit: z.string().optional(),
  n: z.number().int().nonnegative().optional(),
  successes: z.number().int().nonnegative().optional(),
  stderr: z.number().nonnegative().optional(),
  ci95: z.tuple([z.number(), z.number()]).optional(),
  breakdown: z.array(BreakdownEntrySchema).optional(),
  /** Per-item outcomes (`id → 1/0` for pass/fail, or a score) for paired comparisons. */
  items: z.record(z.string(), z.number()).optional(),
  /**
   * Repeated runs (epochs): id → each epoch's outcome. `items` then holds each item's mean over
   * its epochs (the unit of every standard error, Miller 2024), `n` counts items, not outcomes.
   */
  epochs: z.record(z.string(), z.array(z.number())).optional(),
  /** Per-item fields for `cluster_by`: field → (id → value), e.g. {passage_id: {q1: "p7"}}. */
  itemFields: z.record(z.string(), z.record(z.string(), z.string())).optional(),
  /** How far the epochs' own values land apart (with epochs). */
  runSpread: z.object({ k: z.number().int().positive(), per_epoch: z.array(z.number()), sd: z.number().nullable() }).optional(),
  /** For pass/fail items with epochs: mean pass@k and pass^k over items at k = epochs. */
  passK: z.object({ k: z.number().int().positive(), pass_at_k: z.number(), pass_hat_k: z.number() }).optional(),
  note: z.string().optional(),
  source: MetricSourceSchema.optional(),
});
export type Metric = z.infer<typeof MetricSchema>;

/** A metric set keyed by name; later entries win (overrides come last). */
export type MetricSet = Map<string, Metric>;

/** Turn any raw value into a metric value, recording why it is invalid when it is. */
export function toMetricValue(raw: unknown): { value: number | null; invalid?: string } {
  if (typeof raw === 'number' && Number.isFinite(raw)) return { value: raw };
  return { value: null, invalid: describeRaw(raw) };
}

export function describeRaw(raw: unknown): string {
  if (typeof raw === 'number') {
    if (Number.isNaN(raw)) return 'NaN';
    if (!Number.isFinite(raw)) return raw > 0 ? 'Infinity' : '-Infinity';
    return String(raw);
  }
  if (raw === undefined) return 'missing';
  try {
    return JSON.stringify(raw) ?? String(raw);
  } catch {
    return String(raw);
  }
}

export function isValidMetric(m: Metric | undefined): m is Metric & { value: number } {
  return m !== undefined && typeof m.value === 'number' && Number.isFinite(m.value);
}
