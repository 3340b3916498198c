/**
 * The card's aggregate (SPEC §2.5, seed 001): round(100 · Σ wᵢvᵢ / Σ wᵢ, 2), weights default
 * 1. No metrics or a zero total weight is an error. Rounding is Python's `round` (half to
 * even), so seed 001's tools and Greenlight agree on every card.
 */
import type { Problem, Result } from '../errors';
import { informativeStderr, stderrFromCi95, zTwoSided } from '../stats';

export const AGGREGATE_FORMULA = 'round(100 * sum(weight_i * value_i) / sum(weight_i), 2)';
export const DEFAULT_AGGREGATE_NAME = 'weighted_accuracy';

export interface AggregateInput {
  name: string;
  value: number;
  weight?: number;
  stderr?: number;
  ci95?: readonly [number, number];
}

export interface AggregateComponent {
  metric: string;
  value: number;
  weight: number;
}

export interface Aggregate {
  value: number;
  components: AggregateComponent[];
  /** Present when every component carries an interval or a stderr (normal approximation). */
  ci95?: [number, number];
}

/** Python's round(x, 2): half to even on the decimal digit. */
export function round2(x: number): number {
  const scaled = x * 100;
  const floor = Math.floor(scaled);
  const diff = scaled - floor;
  const eps = 1e-9 * Math.max(1, Math.abs(scaled));
  let r: number;
  if (Math.abs(diff - 0.5) < eps) r = floor % 2 === 0 ? floor : floor + 1;
  else r = Math.round(scaled);
  return r / 100 + 0; // + 0 turns -0 into 0
}

/**
 * Aggregate over `metrics`, or over `components` (metric name + weight) when given, looking
 * each component's value up among the metrics.
 */
export function computeAggregate(
  metrics: readonly AggregateInput[],
  components?: ReadonlyArray<{ metric: string; weight?: number }>,
  path = 'results.metrics',
): Result<Aggregate> {
  const problems: Problem[] = [];
  const chosen: Array<AggregateInput & { weight: number }> = [];
  if (components && components.length > 0) {
    components.forEach((c, i) => {
      const m = metrics.find((x) => x.name === c.metric);
      if (!m) problems.push({ path: `aggregate.components.${i}.metric`, message: `"${c.metric}" is not among results.metrics` });
      else chosen.push({ ...m, weight: c.weight ?? m.weight ?? 1 });
    });
  } else {
    for (const m of metrics) chosen.push({ ...m, weight: m.weight ?? 1 });
  }
  if (problems.length) return { ok: false, problems };
  if (chosen.length === 0) return { ok: false, problems: [{ path, message: 'no metrics to aggregate' }] };
  chosen.forEach((m, i) => {
    if (!Number.isFinite(m.value)) problems.push({ path: `${path}.${i}.value`, message: `expected a finite number, found ${m.value}` });
    if (!Number.isFinite(m.weight) || m.weight < 0) problems.push({ path: `${path}.${i}.weight`, message: `expected a finite weight ≥ 0, found ${m.weight}` });
  });
  if (problems.length) return { ok: false, problems };
  const total = chosen.reduce((a, m) => a + m.weight, 0);
  if (total === 0) return { ok: false, problems: [{ path, message: 'total weight is 0: the aggregate is undefined' }] };
  const value = round2((100 * chosen.reduce((a, m) => a + m.weight * m.value, 0)) / total);
  const out: Aggregate = { value, components: chosen.map((m) => ({ metric: m.name, value: m.value, weight: m.weight })) };
  // A stderr of 0 is no uncertainty measured, not none to have (stats/degenerate.ts): the component's interval (Wilson from n at a bound) stands in, else there is no aggregate interval.
  const ses = chosen.map((m) => informativeStderr(m.stderr) ?? (m.ci95 && m.ci95[1] > m.ci95[0] ? stderrFromCi95(m.ci95[0], m.ci95[1]) : undefined));
  if (ses.every((s): s is number => s !== undefined && Number.isFinite(s))) {
    const se = (100 * Math.sqrt(chosen.reduce((a, m, i) => a + (m.weight * (ses[i] ?? 0)) ** 2, 0))) / total;
    if (chosen.length === 1 && chosen[0]?.ci95) {
      out.ci95 = [round2(100 * chosen[0].ci95[0]), round2(100 * chosen[0].ci95[1])];
    } else {
      const z = zTwoSided(0.05);
      out.ci95 = [round2(Math.max(0, value - z * se)), round2(Math.min(100, value + z * se))];
    }
  }
  return { ok: true, value: out };
}

/** A reader's recomputation line: `round(100 × ((0.4200 × 1.0)) / 1.0, 2) = 42.0`. */
export function recomputationLine(a: Aggregate): string {
  const terms = a.components.map((c) => `(${c.value.toFixed(4)} × ${fmtWeight(c.weight)})`).join(' + ');
  const total = a.components.reduce((s, c) => s + c.weight, 0);
  return `round(100 × (${terms}) / ${fmtWeight(total)}, 2) = ${fmtScore(a.value)}`;
}

export function fmtWeight(w: number): string {
  return Number.isInteger(w) ? w.toFixed(1) : String(w);
}

/** Python prints 42.0, not 42: keep one decimal for whole numbers, as seed 001's cards do. */
export function fmtScore(v: number): string {
  return Number.isInteger(v) ? v.toFixed(1) : String(v);
}

/** The name of the aggregate Greenlight chooses when greenlight.yaml declares none. */
export const GATED_AGGREGATE_NAME = 'gated_pass_rates';

interface AggregateCandidate {
  name: string;
  value: number;
  higherIsBetter?: boolean;
  scale?: number;
  successes?: number;
}

/**
 * Without a declared aggregate, average only what can be averaged: the gated metrics that
 * are higher-is-better proportions (0–1, with successes or a 0–1 scale). A cost in dollars
 * averaged with pass rates made "weighted_accuracy 31.81" out of 0.62 and $0.016. Returns
 * null when no gated metric qualifies; the caller then says the aggregate mixes kinds.
 */
export function defaultAggregate(metrics: readonly AggregateCandidate[], gated: ReadonlySet<string>): { name: string; components: Array<{ metric: string; weight: number }>; note: string } | null {
  const chosen = metrics.filter(
    (m) => gated.has(m.name) && m.higherIsBetter !== false && (m.scale === 1 || m.successes !== undefined) && m.value >= 0 && m.value <= 1,
  );
  if (chosen.length === 0) return null;
  return {
    name: GATED_AGGREGATE_NAME,
    components: chosen.map((m) => ({ metric: m.name, weight: 1 })),
    note: `greenlight.yaml declares no aggregate, so this is the mean of the gated higher-is-better proportions (${chosen.map((m) => m.name).join(', ')}); other metrics are not averaged in.`,
  };
}
