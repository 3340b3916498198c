/**
 * Selection gate (seed 003): project (hard, soft) onto one score, then accept a new best,
 * accept, or reject against the current and best scores. Strict comparisons: a tie rejects,
 * NaN rejects.
 */
import type { Result } from '../errors';
import type { SelectionMetric } from '../project/gates';
import { fmt } from './threshold';
import { gateResult, type GateResult } from './types';

export type SelectionAction = 'accept_new_best' | 'accept' | 'reject';

export function selectionScore(hard: number, soft: number, metric: string, mixedWeight = 0.5): Result<number> {
  if (metric === 'hard') return { ok: true, value: hard };
  if (metric === 'soft') return { ok: true, value: soft };
  if (metric === 'mixed') {
    if (Number.isNaN(mixedWeight)) return { ok: false, problems: [{ path: 'mixed_weight', message: 'expected a number' }] };
    const w = Math.max(0, Math.min(1, mixedWeight));
    return { ok: true, value: (1 - w) * hard + w * soft };
  }
  return { ok: false, problems: [{ path: 'metric', message: `unknown gate metric "${metric}"; expected hard, soft or mixed` }] };
}

/**
 * Strictly above, where a difference of float rounding is a tie: the mixed score
 * (1 − w)·h + w·s of h = s = 0.3 at w = 0.1 is 0.30000000000000004, and a tie must reject
 * (seed 003), not become an accept through the last bit. NaN is never above.
 */
function above(a: number, b: number): boolean {
  return a > b + 1e-12 * Math.max(1, Math.abs(b));
}

export function selectionAction(candidate: number, current: number, best: number): SelectionAction {
  if (above(candidate, current)) return above(candidate, best) ? 'accept_new_best' : 'accept';
  return 'reject';
}

export interface SelectionInput {
  name: string;
  metric: SelectionMetric;
  mixedWeight: number;
  candidate: { hard: number | null | undefined; soft: number | null | undefined };
  current: number | null | undefined;
  best?: number | null | undefined;
  required?: boolean;
}

export function selectionGate(input: SelectionInput): GateResult {
  const base = { name: input.name, kind: 'selection' as const, direction: 'min' as const };
  const { hard, soft } = input.candidate;
  const needed = input.metric === 'hard' ? [hard] : input.metric === 'soft' ? [soft] : [hard, soft];
  const current = input.current;
  const best = input.best ?? current;
  if (needed.some((v) => v === undefined) || current === undefined || best === undefined) {
    const note = current === undefined ? 'no current score' : 'candidate score missing';
    if (input.required) return gateResult({ ...base, status: 'fail', value: null, threshold: null, note: `${note} — gate is required`, failure_class: 'MISSING_INPUT' });
    return gateResult({ ...base, status: 'skipped', value: 0, threshold: typeof current === 'number' ? current : null, note: `${note} — gate skipped`, failure_class: null });
  }
  const score = selectionScore(hard ?? NaN, soft ?? NaN, input.metric, input.mixedWeight);
  if (!score.ok) {
    return gateResult({ ...base, status: 'anomalous', value: null, threshold: null, note: score.problems.map((p) => p.message).join('; '), failure_class: 'USER_CONFIG_ERROR' });
  }
  const cand = score.value;
  const cur = current ?? NaN;
  const bst = best ?? NaN;
  const action = selectionAction(cand, cur, bst);
  const evidence = { action, metric: input.metric, mixed_weight: input.mixedWeight, candidate_score: Number.isFinite(cand) ? cand : null, current: Number.isFinite(cur) ? cur : null, best: Number.isFinite(bst) ? bst : null };
  if (![cand, cur, bst].every(Number.isFinite)) {
    return gateResult({ ...base, status: 'anomalous', value: null, threshold: Number.isFinite(cur) ? cur : null, note: `reject: a score is not a finite number (candidate ${fmt(cand)}, current ${fmt(cur)}, best ${fmt(bst)})`, failure_class: 'SAMPLE_ACCOUNTING_FAILED', evidence });
  }
  const note =
    action === 'accept_new_best'
      ? `accept_new_best: ${fmt(cand)} > current ${fmt(cur)} and best ${fmt(bst)}`
      : action === 'accept'
        ? `accept: ${fmt(cand)} > current ${fmt(cur)}, not above best ${fmt(bst)}`
        : `reject: ${fmt(cand)} is not above current ${fmt(cur)}`;
  return gateResult({ ...base, status: action === 'reject' ? 'fail' : 'pass', value: cand, threshold: cur, note, failure_class: null, evidence });
}
