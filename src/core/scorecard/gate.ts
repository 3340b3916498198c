/**
 * The scorecard gate (seed 001's release gate, its holes closed; SPEC §2.4/§2.11): the
 * candidate card must exist and validate, carry the expected version, clear an optional
 * minimum, and not fall below the previous release's aggregate. A corrupt or non-finite
 * baseline fails (seed 001's NaN baseline silently disabled its gate); a first release is
 * declared, never inferred. With `mode` other than strict and intervals on both cards the
 * comparison uses the regression gate's statistics.
 */
import { formatProblem, type Problem } from '../errors';
import type { Metric } from '../metric';
import { regressionGate } from '../gates/regression';
import { comparabilityIssues } from '../gates/comparability';
import { RegressionGateSchema } from '../project/gates';
import { fmtScore } from './aggregate';
import type { ScorecardData } from './schema';

export type CardInput = { ok: true; card: ScorecardData; source: string } | { ok: false; problems: Problem[]; source: string };

export type RegressionMode = 'strict' | 'tolerance' | 'noninferiority' | 'significance';

export interface ScorecardGateInput {
  candidate: CardInput;
  /** The previous release's card, or the declaration that there is none. */
  baseline: CardInput | { firstRelease: true };
  allowRegression?: boolean;
  expectedVersion?: string;
  minAggregate?: number;
  mode?: RegressionMode;
  /** Points of the 0–100 aggregate the candidate may drop (tolerance and statistical modes). */
  tolerance?: number;
  alpha?: number;
}

export interface GateLine {
  level: 'error' | 'warning' | 'notice';
  message: string;
}

export interface ScorecardGateResult {
  passed: boolean;
  lines: GateLine[];
  candidate?: { version: string; aggregate: number };
  baseline?: { version: string; aggregate: number } | 'first-release';
  regression?: { mode: RegressionMode; status: string; note: string; interval?: [number, number] };
}

export function scorecardGate(input: ScorecardGateInput): ScorecardGateResult {
  const lines: GateLine[] = [];
  const error = (message: string): void => void lines.push({ level: 'error', message });
  const out: ScorecardGateResult = { passed: false, lines };
  const c = input.candidate;
  if (!c.ok) {
    error(`candidate scorecard ${c.source} is missing or invalid`);
    for (const p of c.problems) error(formatProblem(p));
    return out;
  }
  const card = c.card;
  out.candidate = { version: card.agent.version, aggregate: card.aggregate.value };
  if (input.expectedVersion !== undefined && card.agent.version !== input.expectedVersion) {
    error(`${c.source}: agent.version is ${card.agent.version}, expected ${input.expectedVersion} (a stale card copied forward?)`);
  }
  if (input.minAggregate !== undefined && card.aggregate.value < input.minAggregate) {
    error(`${c.source}: aggregate ${fmtScore(card.aggregate.value)} is below the minimum ${fmtScore(input.minAggregate)}`);
  }
  const b = input.baseline;
  if ('firstRelease' in b) {
    out.baseline = 'first-release';
    lines.push({ level: 'notice', message: `first release declared: no baseline comparison for ${card.agent.version}` });
  } else if (!b.ok) {
    error(`baseline scorecard ${b.source} is invalid: the regression check cannot run`);
    for (const p of b.problems) error(formatProblem(p));
  } else {
    const base = b.card;
    out.baseline = { version: base.agent.version, aggregate: base.aggregate.value };
    compare(card, base, c.source, b.source, input, out);
  }
  out.passed = !lines.some((l) => l.level === 'error');
  return out;
}

function compare(card: ScorecardData, base: ScorecardData, cSrc: string, bSrc: string, input: ScorecardGateInput, out: ScorecardGateResult): void {
  const lines = out.lines;
  const mode = input.mode ?? 'strict';
  const cv = card.aggregate.value;
  const bv = base.aggregate.value;
  const cmp = `${fmtScore(cv)} (v${card.agent.version}) vs ${fmtScore(bv)} (v${base.agent.version}, ${bSrc})`;
  // comparabilityIssues, not a key-by-key check: a card without `limit` ran the whole dataset, so
  // `limit: 25` against it is not comparable although only one side declares the key.
  for (const i of comparabilityIssues(contextOf(base), contextOf(card), ['dataset_size', 'test_cases_run', 'limit'])) {
    lines.push({ level: 'warning', message: `not comparable: ${i.key} is ${String(i.candidate)} on the candidate and ${String(i.baseline)} on the baseline` });
  }
  let regressed: boolean;
  let why: string;
  if (mode === 'strict' || mode === 'tolerance' || !card.aggregate.ci95 || !base.aggregate.ci95) {
    if (mode !== 'strict' && mode !== 'tolerance') {
      lines.push({ level: 'warning', message: `${mode} mode needs aggregate.ci95 on both cards; falling back to a strict comparison` });
    }
    const tol = mode === 'tolerance' ? (input.tolerance ?? 0) : 0;
    regressed = bv - cv > tol + 1e-9;
    const dropped = fmtScore(Math.round((bv - cv) * 100) / 100);
    // The note says what happened, pass or fail: a pass once read "no regression: … — aggregate regressed: …".
    why =
      mode === 'tolerance'
        ? regressed
          ? `aggregate dropped ${dropped} points, more than the tolerance ${tol}: ${cmp}`
          : `aggregate ${bv - cv > 0 ? `dropped ${dropped} points, within the tolerance ${tol}` : 'did not drop'}`
        : regressed
          ? `aggregate regressed: ${cmp}`
          : `aggregate did not drop${mode !== 'strict' ? ' (strict comparison: no aggregate.ci95)' : ''}`;
    out.regression = { mode: mode === 'tolerance' ? 'tolerance' : 'strict', status: regressed ? 'fail' : 'pass', note: why };
  } else {
    const settings = RegressionGateSchema.parse({
      name: 'no_regression',
      kind: 'regression',
      metric: 'aggregate',
      mode,
      tolerance: (input.tolerance ?? 0) / 100,
      alpha: input.alpha ?? 0.05,
      required: true,
    });
    const r = regressionGate('no_regression', settings, 'default', { metrics: [aggMetric(card)], label: cSrc }, { metrics: [aggMetric(base)], label: bSrc });
    regressed = r.status !== 'pass';
    why = `aggregate ${r.status} (${mode}): ${r.note || cmp}`;
    out.regression = { mode, status: r.status, note: r.note };
  }
  if (!regressed) {
    const note = out.regression?.note ?? '';
    if (/underpowered/.test(note)) {
      // SPEC §2.4: an underpowered comparison is never reported as a plain pass.
      lines.push({ level: 'warning', message: `no regression shown, but the comparison is underpowered: ${note} (${cmp})` });
    } else {
      lines.push({ level: 'notice', message: `no regression: ${cmp}${mode !== 'strict' && note ? ` — ${note}` : ''}` });
    }
  } else if (input.allowRegression) {
    lines.push({ level: 'warning', message: `${why} — allowed by --allow-regression` });
  } else {
    lines.push({ level: 'error', message: why });
  }
}

function aggMetric(card: ScorecardData): Metric {
  return {
    name: 'aggregate',
    value: card.aggregate.value,
    higherIsBetter: true,
    scale: 100,
    n: card.results.test_cases_run,
    ...(card.aggregate.ci95 ? { ci95: card.aggregate.ci95 } : {}),
  };
}

function contextOf(card: ScorecardData): Record<string, unknown> {
  const cfg = card.recipe.config;
  return { dataset_size: card.recipe.dataset.size, test_cases_run: card.results.test_cases_run, limit: cfg.limit };
}
