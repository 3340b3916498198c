/**
 * The SCORECARD.md front matter (SPEC §2.5), schema_version 1: seed 001's required keys plus
 * Greenlight's optional additions. Every object is loose: keys that other tools added
 * (`results.performance`, `recipe.config.acceptance_variance`, …) are kept as they are.
 * Messages say what was expected and what was found, so each problem is one readable line.
 */
import { z } from 'zod';

export const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

function found(x: unknown): string {
  if (x === undefined) return 'nothing';
  if (x === null) return 'null';
  if (typeof x === 'number') return Number.isNaN(x) ? 'NaN' : Number.isFinite(x) ? String(x) : x > 0 ? '.inf' : '-.inf';
  if (typeof x === 'string') return `the string ${JSON.stringify(x.length > 40 ? `${x.slice(0, 40)}…` : x)}`;
  if (typeof x === 'boolean') return `the boolean ${x}`;
  if (Array.isArray(x)) return 'a list';
  return 'a mapping';
}

/** Zod error customisation: `required (…)` when absent, else `expected …, found …`. */
const expect = (what: string) => ({
  error: (iss: { input?: unknown; code?: string }) =>
    iss.input === undefined ? `required (${what})` : `expected ${what}, found ${found(iss.input)}`,
});

const str = (what = 'a non-empty string') => z.string(expect(what)).min(1, { error: `expected ${what}, found an empty string` });
const finite = (what = 'a finite number') => z.number(expect(what)).refine(Number.isFinite, { error: (i) => `expected ${what}, found ${found(i.input)}` });
const count = (what = 'a non-negative integer') => z.number(expect(what)).int({ error: (i) => `expected ${what}, found ${found(i.input)}` }).nonnegative({ error: (i) => `expected ${what}, found ${found(i.input)}` });
const semver = (what: string) => z.string(expect(`${what} as X.Y.Z`)).regex(SEMVER, { error: (i) => `expected ${what} as X.Y.Z, found ${found(i.input)}` });
const mapping = <T extends z.core.$ZodLooseShape>(shape: T, what = 'a mapping') => z.looseObject(shape, expect(what));
const interval = z
  .tuple([finite(), finite()], expect('an interval [lo, hi]'))
  .refine(([lo, hi]) => lo <= hi, { error: 'expected an interval with lo ≤ hi' });

export const CardMetricSchema = mapping({
  name: str('a metric name'),
  value: finite(),
  weight: finite('a finite weight ≥ 0').refine((w) => w >= 0, { error: 'expected a weight ≥ 0' }).optional(),
  n: count().optional(),
  successes: count().optional(),
  stderr: finite('a finite stderr ≥ 0').optional(),
  ci95: interval.optional(),
  higher_is_better: z.boolean(expect('true or false')).optional(),
  scale: finite().optional(),
});

export const AggregateComponentSchema = mapping({
  metric: str('a metric name'),
  value: finite().optional(),
  weight: finite('a finite weight ≥ 0').refine((w) => w >= 0, { error: 'expected a weight ≥ 0' }).optional(),
});

const GateRowSchema = mapping({
  name: str('a gate name'),
  status: z.enum(['pass', 'fail', 'skipped', 'anomalous'], expect('pass, fail, skipped or anomalous')),
  value: z.number(expect('a number or null')).nullable().optional(),
  threshold: z.number(expect('a number or null')).nullable().optional(),
  note: z.string(expect('a string')).optional(),
});

export const ScorecardSchema = mapping(
  {
    schema_version: z.literal(1, expect('schema_version 1')),
    agent: mapping({ name: str('the agent name'), version: semver('the version') }, 'a mapping with name and version'),
    recipe: mapping(
      {
        dataset: mapping(
          { reference: str('a dataset reference'), size: count('the dataset size as a non-negative integer'), description: z.string(expect('a string')).optional() },
          'a mapping with reference and size',
        ),
        methodology: str('a methodology description'),
        config: z.record(z.string(), z.unknown(), expect('a mapping of config keys')),
        environment: z.record(z.string(), z.unknown(), expect('a mapping')).optional(),
      },
      'a mapping with dataset, methodology and config',
    ),
    results: mapping(
      {
        test_cases_run: count('the number of test cases run'),
        metrics: z.array(CardMetricSchema, expect('a non-empty list of metrics')).min(1, { error: 'expected at least one metric, found an empty list' }),
        breakdown: z.unknown().optional(),
      },
      'a mapping with test_cases_run and metrics',
    ),
    aggregate: mapping(
      {
        name: str('the aggregate name'),
        formula: str('the aggregate formula'),
        value: finite('a finite number'),
        components: z.array(AggregateComponentSchema, expect('a list of components')).optional(),
        ci95: interval.optional(),
      },
      'a mapping with name, formula and value',
    ),
    generated_at: z.string(expect('a timestamp string')).nullable().optional(),
    inherited_from: semver('the version inherited from').nullable().optional(),
    gates: mapping(
      {
        tier: z.string(expect('a tier name')).optional(),
        decision: z.enum(['ACCEPT', 'REGRESSION', 'ANOMALOUS', 'INFEASIBLE', 'INCONCLUSIVE'], expect('ACCEPT, REGRESSION, ANOMALOUS, INFEASIBLE or INCONCLUSIVE')).optional(),
        failure_class: z.string(expect('a failure class')).nullable().optional(),
        results: z.array(GateRowSchema, expect('a list of gate results')).optional(),
      },
      'a mapping',
    ).optional(),
    baseline: mapping(
      {
        version: semver('the baseline version').nullable().optional(),
        ref: z.string(expect('a git ref')).nullable().optional(),
        aggregate: finite().nullable().optional(),
        metrics: z.array(mapping({ name: str('a metric name') }), expect('a list of metric comparisons')).optional(),
      },
      'a mapping',
    ).optional(),
    provenance: mapping(
      {
        git_commit: z.string(expect('a commit id')).nullable().optional(),
        dirty: z.boolean(expect('true or false')).nullable().optional(),
        command: z.union([z.string(), z.array(z.string())], expect('a command string or argv list')).nullable().optional(),
        artefacts: z.array(mapping({ sha256: z.string(expect('a sha256 hex digest')).optional() }), expect('a list of artefacts')).optional(),
      },
      'a mapping',
    ).optional(),
  },
  'a mapping of front-matter keys',
);

export type ScorecardData = z.infer<typeof ScorecardSchema>;
export type CardMetric = z.infer<typeof CardMetricSchema>;
