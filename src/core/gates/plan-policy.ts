/**
 * `greenlight plan` in the core: for each statistical regression gate of a policy (or one
 * described on the command line), the items it needs, from the previous release's metric
 * (its pass rate, its epochs, its clusters) and, where two releases have paired items, their
 * discordance. A gate that is one of a Holm family is planned at Holm's first level, alpha/m
 * (m = the metric comparisons of the blocking significance gates), the level its most
 * significant member must clear.
 */
import type { Metric } from '../metric';
import type { GateConfig } from '../project/gates';
import { familyMethod, type FamilyMethod } from '../project/statistics';
import { planGate, type Plan } from './plan';
import { designEffectOf, discordance } from './plan-hint';

type RegressionConfig = Extract<GateConfig, { kind: 'regression' }>;

export interface PlanRow {
  gate: string;
  metric: string;
  mode: 'significance' | 'noninferiority';
  tolerance: number;
  alpha: number;
  /** The level the plan used (alpha/m in a Holm family of m). */
  alpha_planned: number;
  baseline: { rate: number; n: number | null; epochs: number | null; design_effect: number; discordance: number | null; change_variance?: number };
  plan: Plan | null;
  /** Why there is no plan for this gate. */
  problem?: string;
}

export interface PlanRequest {
  gates: readonly GateConfig[];
  family?: FamilyMethod;
  tier: string;
  baseline: readonly Metric[];
  /** A second, earlier release of the same items, for the paired discordance. */
  previous?: readonly Metric[];
  detect?: number;
  power?: number;
  /** Exact enumeration is the default; `approximate` is instant. */
  approximate?: boolean;
}

function epochVariances(m: Metric): { betweenVariance: number; withinVariance: number; k: number } | null {
  if (!m.epochs || !m.items) return null;
  const lists = Object.values(m.epochs).filter((v) => v.length > 1);
  if (lists.length < 2) return null;
  const k = Math.max(...lists.map((v) => v.length));
  let within = 0;
  for (const v of lists) {
    const mean = v.reduce((s, x) => s + x, 0) / v.length;
    within += v.reduce((s, x) => s + (x - mean) ** 2, 0) / (v.length - 1);
  }
  within /= lists.length;
  const means = Object.values(m.items);
  const mu = means.reduce((s, x) => s + x, 0) / means.length;
  const total = means.reduce((s, x) => s + (x - mu) ** 2, 0) / (means.length - 1);
  // Var(item mean) = between + within/k: what is left over is the items' own spread.
  return { betweenVariance: Math.max(0, total - within / k), withinVariance: within, k };
}

/**
 * Two releases with epochs on the same items: the variance of the true per-item change between
 * them, τ² = Var(Ā_i − B̄_i) − w_A/k_A − w_B/k_B (the observed difference of item means minus
 * the epoch noise each side adds), floored at 0. Null without shared items with epochs on both.
 */
export function pairedChangeVariance(latest: Metric, earlier: Metric): number | null {
  const a = epochVariances(latest);
  const b = epochVariances(earlier);
  if (!a || !b || !latest.items || !earlier.items) return null;
  const diffs: number[] = [];
  for (const [id, x] of Object.entries(latest.items)) {
    const y = earlier.items[id];
    if (y !== undefined) diffs.push(x - y);
  }
  if (diffs.length < 2) return null;
  const mean = diffs.reduce((s, d) => s + d, 0) / diffs.length;
  const observed = diffs.reduce((s, d) => s + (d - mean) ** 2, 0) / (diffs.length - 1);
  return Math.max(0, observed - a.withinVariance / a.k - b.withinVariance / b.k);
}

export function planPolicy(req: PlanRequest): PlanRow[] {
  const statistical = req.gates.filter((g): g is RegressionConfig => g.kind === 'regression' && (g.mode === 'significance' || g.mode === 'noninferiority'));
  const method = req.family ?? familyMethod({});
  const family = statistical.filter((g) => g.mode === 'significance' && !g.advisory);
  // Each metric a gate compares is one member of the Holm family (gates/family.ts), not each gate.
  const members = family.reduce((s, g) => s + Math.max(1, g.metrics?.length ?? 1), 0);
  const byName = new Map(req.baseline.map((m) => [m.name, m]));
  const prevByName = new Map((req.previous ?? []).map((m) => [m.name, m]));
  const rows: PlanRow[] = [];
  for (const g of statistical) {
    const tol = typeof g.tolerance === 'number' ? g.tolerance : g.tolerance[req.tier];
    const names = g.metrics ?? (g.metric !== undefined ? [g.metric] : []);
    const mode = g.mode as 'significance' | 'noninferiority';
    const inFamily = method === 'holm' && members > 1 && family.includes(g);
    const alphaPlanned = inFamily ? g.alpha / members : g.alpha;
    const base = { gate: g.name, mode, tolerance: tol ?? NaN, alpha: g.alpha, alpha_planned: alphaPlanned };
    if (names.length === 0) {
      rows.push({ ...base, metric: '(every metric)', baseline: { rate: NaN, n: null, epochs: null, design_effect: 1, discordance: null }, plan: null, problem: 'the gate names no metric; plan needs metric: NAME on the gate' });
      continue;
    }
    for (const name of names) {
      const m = byName.get(name);
      const none = { rate: NaN, n: null, epochs: null, design_effect: 1, discordance: null };
      if (tol === undefined) {
        rows.push({ ...base, metric: name, baseline: none, plan: null, problem: `no tolerance for tier ${req.tier}` });
        continue;
      }
      if (g.relative) {
        rows.push({ ...base, metric: name, baseline: none, plan: null, problem: 'relative tolerances are not planned; give the tolerance in the metric’s scale' });
        continue;
      }
      if (!m || m.value === null) {
        rows.push({ ...base, metric: name, baseline: none, plan: null, problem: `the baseline has no ${name}` });
        continue;
      }
      const rate = m.value / (m.scale ?? 1);
      if (!(rate > 0 && rate < 1)) {
        rows.push({ ...base, metric: name, baseline: { ...none, rate }, plan: null, problem: `${name} = ${m.value} is not a pass rate strictly between 0 and 1: the planner plans proportions` });
        continue;
      }
      const prev = prevByName.get(name);
      const disc = prev ? discordance(prev, m) : undefined;
      const ev = epochVariances(m);
      // With epochs and the previous release's items: the paired design (their change variance), not two independent sides.
      const change = ev && prev ? pairedChangeVariance(m, prev) : null;
      const deff = designEffectOf(m, g.cluster_by);
      const plan = planGate({
        settings: { ...g, alpha: alphaPlanned, mode, tolerance: tol, scales: undefined },
        baselineRate: rate,
        ...(req.detect !== undefined ? { detect: req.detect } : {}),
        ...(req.power !== undefined ? { power: req.power } : {}),
        ...(disc !== undefined && !ev ? { paired: { discordance: disc } } : {}),
        ...(ev ? { epochs: { betweenVariance: ev.betweenVariance, withinVariance: ev.withinVariance, k: ev.k, ...(change !== null ? { changeVariance: change } : {}) } } : {}),
        designEffect: deff,
        ...(m.n !== undefined ? { currentN: m.n } : {}),
        ...(req.approximate ? { approximate: true } : {}),
      });
      rows.push({ ...base, metric: name, baseline: { rate, n: m.n ?? null, epochs: ev?.k ?? null, design_effect: deff, discordance: disc ?? null, ...(change !== null ? { change_variance: change } : {}) }, plan });
    }
  }
  return rows;
}
