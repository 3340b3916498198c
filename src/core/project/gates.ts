/**
 * The `gates` section of `greenlight.yaml` (SPEC §2.3), and the gate policy it forms with
 * `tiers`, `default_tier` and `aggregate` (their own modules): what `greenlight gate` and a
 * run's evaluation apply. `PolicyFileSchema` keeps the other sections untouched; the whole
 * file is composed in `schema.ts`.
 */
import { z } from 'zod';
import { AdvisoryGateShape, ClusterByShape, StatisticsPolicyShape } from './statistics';
import { DEFAULT_TIER, TiersShape } from './tiers';
import { AggregateShape } from './aggregate';
import { InconclusiveShape } from './inconclusive';

export { DEFAULT_TIERS, DEFAULT_TIER } from './tiers';
export const REGRESSION_MODES = ['strict', 'tolerance', 'noninferiority', 'significance'] as const;
export type RegressionMode = (typeof REGRESSION_MODES)[number];
export const SELECTION_METRICS = ['hard', 'soft', 'mixed'] as const;
export type SelectionMetric = (typeof SELECTION_METRICS)[number];
/** Context keys that make two sides not comparable when they differ (SPEC §2.4). */
export const DEFAULT_COMPARABILITY_KEYS = ['dataset_size', 'limit', 'model', 'methodology'];

const finite = (what: string) => z.number({ error: `expected ${what} (a finite number)` });
const gateName = z.string({ error: 'expected a gate name' }).min(1, 'expected a non-empty gate name');
const common = {
  name: gateName,
  required: z.boolean({ error: 'expected true or false' }).default(false),
  description: z.string().optional(),
  ...AdvisoryGateShape,
};
const perTier = z.record(z.string(), finite('a threshold'));

export const ThresholdGateSchema = z.object({
  ...common,
  kind: z.literal('threshold'),
  /** The metric read; defaults to the gate's name. */
  metric: z.string().min(1).optional(),
  direction: z.enum(['min', 'max'], { error: 'expected min or max' }),
  thresholds: perTier,
  ...ClusterByShape,
  /**
   * The values that make sense for the metric (SPEC §2.4 "values in range"): a proportion is
   * {min: 0, max: 1}, a cost {min: 0}. Outside it the gate is ANOMALOUS, never a pass.
   */
  range: z.object({ min: finite('a range bound').optional(), max: finite('a range bound').optional() }).optional(),
});

export const ScalesSchema = z.record(z.string(), finite('a scale').positive('expected a scale > 0'));

export const RegressionGateSchema = z.object({
  ...common,
  kind: z.literal('regression'),
  /** One metric; omit it (and `metrics`) to compare every metric (task) of the baseline. */
  metric: z.string().min(1).optional(),
  metrics: z.array(z.string().min(1)).optional(),
  mode: z.enum(REGRESSION_MODES, { error: `expected mode ${REGRESSION_MODES.join(' | ')}` }).default('tolerance'),
  /** A fraction of the metric's scale (or of the baseline with `relative`), or one per tier. */
  tolerance: z.union([finite('a tolerance').nonnegative('expected a tolerance ≥ 0'), perTier]).default(0.01),
  relative: z.boolean().default(false),
  scales: ScalesSchema.optional(),
  alpha: finite('alpha').gt(0, 'expected alpha in (0, 0.5]').lte(0.5, 'expected alpha in (0, 0.5]').default(0.05),
  /** A gain above this fraction of scale is an anomaly (default 0.05; strict mode: off). */
  implausible_gain: finite('a gain').nonnegative().optional(),
  comparability: z
    .object({
      keys: z.array(z.string().min(1)).default(DEFAULT_COMPARABILITY_KEYS),
      allow: z.boolean().default(false),
    })
    .default({ keys: DEFAULT_COMPARABILITY_KEYS, allow: false }),
  bootstrap: z
    .object({
      resamples: z.number().int().min(100).max(100_000).default(2000),
      seed: z.number().int().default(1),
    })
    .default({ resamples: 2000, seed: 1 }),
  ...ClusterByShape,
});

export const SelectionGateSchema = z.object({
  ...common,
  kind: z.literal('selection'),
  metric: z.enum(SELECTION_METRICS, { error: 'expected metric hard, soft or mixed' }).default('hard'),
  mixed_weight: finite('a weight').default(0.5),
  hard_metric: z.string().min(1).default('hard'),
  soft_metric: z.string().min(1).default('soft'),
  /** The current score in metric space; else read from the baseline's hard/soft metrics. */
  current: finite('a score').optional(),
  /** The best score so far in metric space; defaults to current. */
  best: finite('a score').optional(),
});

export const RunValidityGateSchema = z.object({ ...common, kind: z.literal('run-validity') });
export const CheckpointValidityGateSchema = z.object({
  ...common,
  kind: z.literal('checkpoint-validity'),
  recipe: z.string().min(1).optional(),
});

const KINDS = ['threshold', 'regression', 'selection', 'run-validity', 'checkpoint-validity'];

export const GateConfigSchema = z.preprocess(
  (raw) => {
    // `kind: threshold` is the default when thresholds are given (SPEC §2.3).
    if (raw && typeof raw === 'object' && !Array.isArray(raw) && !('kind' in raw) && 'thresholds' in raw) {
      return { ...raw, kind: 'threshold' };
    }
    return raw;
  },
  z.discriminatedUnion(
    'kind',
    [ThresholdGateSchema, RegressionGateSchema, SelectionGateSchema, RunValidityGateSchema, CheckpointValidityGateSchema],
    { error: `expected a gate with kind ${KINDS.join(' | ')} (or thresholds for a threshold gate)` },
  ),
);

export const GatesShape = {
  gates: z.array(GateConfigSchema, { error: 'expected a list of gates' }).default([]),
};

/** The gate policy: the tiers, the gates, the aggregate they report, what an underpowered required gate does, and how statistical gates share alpha. */
export const GatesPolicyShape = { ...TiersShape, ...GatesShape, ...AggregateShape, ...InconclusiveShape, ...StatisticsPolicyShape };

type ShapeOut = z.output<z.ZodObject<typeof GatesPolicyShape>>;

/** Cross-field rules: tiers exist, gate names are unique. Reusable by extended schemas. */
export function refineGatesPolicy(p: ShapeOut, ctx: z.RefinementCtx): void {
  const tiers = new Set(p.tiers);
  if (tiers.size !== p.tiers.length) ctx.addIssue({ code: 'custom', path: ['tiers'], message: 'tier names must be unique' });
  if (p.default_tier !== undefined && !tiers.has(p.default_tier)) {
    ctx.addIssue({ code: 'custom', path: ['default_tier'], message: `unknown tier "${p.default_tier}" (tiers: ${p.tiers.join(', ')})` });
  }
  const seen = new Set<string>();
  p.gates.forEach((g, i) => {
    if (seen.has(g.name)) ctx.addIssue({ code: 'custom', path: ['gates', i, 'name'], message: `duplicate gate name "${g.name}"` });
    seen.add(g.name);
    const map = g.kind === 'threshold' ? g.thresholds : g.kind === 'regression' && typeof g.tolerance === 'object' ? g.tolerance : undefined;
    const field = g.kind === 'threshold' ? 'thresholds' : 'tolerance';
    for (const t of Object.keys(map ?? {})) {
      if (!tiers.has(t)) ctx.addIssue({ code: 'custom', path: ['gates', i, field, t], message: `unknown tier "${t}" (tiers: ${p.tiers.join(', ')})` });
    }
  });
}

export function withDefaultTier<T extends ShapeOut>(p: T): T & { default_tier: string } {
  const fallback = p.tiers.includes(DEFAULT_TIER) ? DEFAULT_TIER : (p.tiers[0] as string);
  return { ...p, default_tier: p.default_tier ?? fallback };
}

/** The gate sections alone. */
export const GatesPolicySchema = z.object(GatesPolicyShape).superRefine(refineGatesPolicy).transform(withDefaultTier);
/** A whole `greenlight.yaml`: gate sections validated here, other keys kept as they are. */
export const PolicyFileSchema = z.looseObject(GatesPolicyShape).superRefine(refineGatesPolicy).transform(withDefaultTier);

export type GatesPolicy = z.output<typeof GatesPolicySchema>;
export type GateConfig = z.output<typeof GateConfigSchema>;
export type ThresholdGateConfig = z.output<typeof ThresholdGateSchema>;
export type RegressionGateConfig = z.output<typeof RegressionGateSchema>;
export type SelectionGateConfig = z.output<typeof SelectionGateSchema>;
export type RunValidityGateConfig = z.output<typeof RunValidityGateSchema>;
export type CheckpointValidityGateConfig = z.output<typeof CheckpointValidityGateSchema>;
