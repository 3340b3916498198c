/**
 * Beside an underpowered gate, the planner's answer (issue 16): "to fail a true 10-point drop
 * with 80% power you need about N items per side". Instant, by the normal approximation, so
 * that judging a run stays fast; `greenlight plan` gives the exact figure through the gate.
 */
import type { Metric } from '../metric';
import type { GateConfig } from '../project/gates';
import { clusteredMean } from '../stats';
import { planGate } from './plan';
import type { GateResult } from './types';
import { extendEvidence } from './evidence';

type RegressionConfig = Extract<GateConfig, { kind: 'regression' }>;

/** The share of shared items on which two sides differ (pass/fail items only). */
export function discordance(b: Metric, c: Metric): number | undefined {
  if (!b.items || !c.items) return undefined;
  let shared = 0;
  let differ = 0;
  for (const [id, x] of Object.entries(b.items)) {
    const y = c.items[id];
    if (y === undefined) continue;
    shared++;
    differ += Math.abs(x - y);
  }
  return shared > 0 ? differ / shared : undefined;
}

/** The design effect of a metric's items under cluster_by (1 when it cannot be measured). */
export function designEffectOf(m: Metric, field: string | undefined): number {
  if (!field || !m.items) return 1;
  const map = m.itemFields?.[field];
  if (!map) return 1;
  const ids = Object.keys(m.items).filter((id) => map[id] !== undefined);
  if (ids.length < 2) return 1;
  const d = clusteredMean(ids.map((id) => m.items![id] as number), ids.map((id) => map[id] as string)).designEffect;
  return Number.isFinite(d) && d > 1 ? d : 1;
}

export function planHint(cfg: RegressionConfig, tier: string, baseline: Metric | undefined, candidate: Metric | undefined, alpha = cfg.alpha): GateResult['evidence'] | null {
  if (cfg.mode !== 'significance' && cfg.mode !== 'noninferiority') return null;
  const tol = typeof cfg.tolerance === 'number' ? cfg.tolerance : cfg.tolerance[tier];
  if (tol === undefined || cfg.relative || !baseline || baseline.value === null) return null;
  const scale = baseline.scale ?? 1;
  const rate = baseline.value / scale;
  if (!(rate > 0 && rate < 1)) return null;
  const disc = candidate ? discordance(baseline, candidate) : undefined;
  const plan = planGate({
    settings: { ...cfg, alpha, mode: cfg.mode, tolerance: tol, scales: undefined },
    baselineRate: rate,
    ...(disc !== undefined ? { paired: { discordance: disc } } : {}),
    designEffect: designEffectOf(baseline, cfg.cluster_by),
    approximate: true,
    ...(baseline.n !== undefined ? { currentN: baseline.n } : {}),
  });
  return { plan: { n: plan.n, detect: plan.detect, power: plan.target, power_now: plan.powerNow ?? null, method: plan.method, words: plan.words } };
}

/** Attach the hint to every underpowered regression gate. */
export function attachPlanHints(
  configs: readonly GateConfig[],
  results: readonly GateResult[],
  tier: string,
  baseline: readonly Metric[] | undefined,
  candidate: ReadonlyMap<string, Metric>,
  baselineByName?: ReadonlyMap<string, Metric>,
): GateResult[] {
  if (!baseline) return [...results];
  const byName = baselineByName ?? new Map(baseline.map((m) => [m.name, m]));
  return results.map((r, i) => {
    const cfg = configs[i];
    if (!cfg || cfg.kind !== 'regression' || r.evidence.underpowered !== true) return r;
    const metric = cfg.metric ?? (typeof r.evidence.drop_interval_task === 'string' ? r.evidence.drop_interval_task : undefined);
    if (!metric) return r;
    const alpha = typeof r.evidence.alpha_adjusted === 'number' ? r.evidence.alpha_adjusted : cfg.alpha;
    const hint = planHint(cfg, tier, byName.get(metric), candidate.get(metric), alpha);
    return hint ? { ...r, evidence: extendEvidence(r.evidence, hint) } : r;
  });
}
