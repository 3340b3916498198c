/**
 * What-if thresholds: the gates re-evaluated in the renderer with the very same core code the
 * runner used (`evaluatePolicy`), on the run's own metrics and baseline. An edit replaces the
 * threshold (threshold gates) or the tolerance (regression gates) for the chosen tier only.
 */
import { evaluatePolicy, type EvaluationInputs, type PolicyReport } from '../core/evaluate';
import type { Metric } from '../core/metric';
import type { GateConfig, GatesPolicy } from '../core/project/gates';

export type ThresholdEdits = Record<string, number>;

/** The number a gate is judged against in a tier, if it has one that can be edited. */
export function editableLimit(gate: GateConfig, tier: string): number | undefined {
  if (gate.kind === 'threshold') return gate.thresholds[tier];
  if (gate.kind === 'regression') return typeof gate.tolerance === 'number' ? gate.tolerance : gate.tolerance[tier];
  return undefined;
}

export function withEdits(policy: GatesPolicy, tier: string, edits: ThresholdEdits): GatesPolicy {
  const gates = policy.gates.map((g): GateConfig => {
    const v = edits[g.name];
    if (v === undefined || !Number.isFinite(v)) return g;
    if (g.kind === 'threshold') return { ...g, thresholds: { ...g.thresholds, [tier]: v } };
    if (g.kind === 'regression') return { ...g, tolerance: v };
    return g;
  });
  return { ...policy, gates };
}

export function whatIf(policy: GatesPolicy, tier: string, metrics: readonly Metric[], inputs: EvaluationInputs, edits: ThresholdEdits): { ok: true; report: PolicyReport } | { ok: false; message: string } {
  const r = evaluatePolicy(withEdits(policy, tier, edits), tier, metrics, inputs);
  if (!r.ok) return { ok: false, message: r.problems.map((p) => `${p.path ? `${p.path}: ` : ''}${p.message}`).join('; ') };
  return { ok: true, report: r.value };
}
