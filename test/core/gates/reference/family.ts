// Frozen copy of src/core on main as of 8142cdd (before issue 14g made the gate engine lazy): the oracle that test/core/gates/lazy-equivalence.test.ts compares the new engine against, byte for byte. One intentional change since (issue 14h): a gate over more than five metrics has its Holm levels summarised in its note (`manyLevels`), no longer listed one by one.
/**
 * A policy's gates judged together (issue 16). With ten `significance` gates, noise alone fails
 * one of them far more often than alpha; so the blocking significance gates form a family whose
 * family-wise false-fail rate is held at alpha by Holm's step-down procedure (`family: holm`,
 * the default), each gate judged at the level Holm gives it (`alpha_adjusted`). `noninferiority`
 * gates need no correction: the release passes only when every one of them passes, an
 * intersection–union test, already at level alpha. `advisory: true` gates never block; a
 * statistical one carries a Benjamini–Hochberg q-value among the advisory gates.
 */
import type { FamilyMethod } from '../../../../src/core/project/statistics';
import type { GateConfig } from '../../../../src/core/project/gates';
import { bhAdjust, holmStepDown, pValueByBisection } from '../../../../src/core/stats';
import type { GateResult } from '../../../../src/core/gates/types';

/** The gate judged again at another alpha; `byMetric` gives each compared metric its own level (a Holm member each). */
export type Reevaluate = (cfg: GateConfig, alpha: number, byMetric?: Readonly<Record<string, number>>) => GateResult;

function statistical(cfg: GateConfig): cfg is Extract<GateConfig, { kind: 'regression' }> {
  return cfg.kind === 'regression' && (cfg.mode === 'significance' || cfg.mode === 'noninferiority');
}

/** A result that the data decided (an interval judged against the tolerance), not a missing input, an anomaly or a skip. */
function decidedByInterval(r: GateResult): boolean {
  return (r.status === 'pass' || r.status === 'fail') && r.failure_class === null && r.evidence.drop_interval !== undefined;
}

const fmtAlpha = (a: number): string => String(Number(a.toPrecision(3)));

// Issue 14h: the note of a gate over more than five metrics summarises its levels (src/core/gates/family.ts says the same in the same words).
function manyLevels(r: GateResult, count: number, m: number, lowest: number, highest: number, levels: Readonly<Record<string, number>>): string {
  const range = highest === lowest ? `all judged at alpha ${fmtAlpha(lowest)} (alpha/${m})` : `judged at Holm levels from ${fmtAlpha(lowest)} (alpha/${m}) to ${fmtAlpha(highest)}`;
  const failed = Object.entries(perTask(r))
    .filter(([name, row]) => row.status === 'fail' && row.failure_class === undefined && Object.hasOwn(levels, name))
    .map(([name]) => (highest === lowest ? name : `${name} at ${fmtAlpha(levels[name] as number)}`));
  const named = failed.length ? `, failed: ${failed.slice(0, 3).join(', ')}${failed.length > 3 ? ` (+${failed.length - 3} more)` : ''}` : '';
  return `its ${count} metrics ${range}${named} (each metric's level in alpha_adjusted_by_metric)`;
}

type Row = { status?: string; failure_class?: string; interval?: unknown };
function perTask(r: GateResult): Record<string, Row> {
  return (r.evidence.per_task ?? {}) as Record<string, Row>;
}

/** The metrics a decided regression gate judged by an interval: each one a test of its own. */
function decidedMetrics(r: GateResult): string[] {
  const rows = Object.entries(perTask(r)).filter(([, row]) => row.interval !== undefined && row.failure_class === undefined && (row.status === 'pass' || row.status === 'fail'));
  // '' stands for the gate as a whole when it kept no per-metric rows.
  return rows.length ? rows.map(([name]) => name) : [''];
}

function withEvidence(r: GateResult, extra: Record<string, unknown>, note?: string): GateResult {
  return { ...r, evidence: { ...r.evidence, ...extra }, note: note ? (r.note ? `${r.note}; ${note}` : note) : r.note };
}

export function applyFamily(method: FamilyMethod, configs: readonly GateConfig[], results: readonly GateResult[], reevaluate: Reevaluate): GateResult[] {
  const out = [...results];
  const members: number[] = [];
  const advisory: number[] = [];
  configs.forEach((cfg, i) => {
    const r = results[i] as GateResult;
    if (cfg.advisory) {
      advisory.push(i);
      return;
    }
    if (statistical(cfg) && cfg.mode === 'significance' && decidedByInterval(r)) members.push(i);
    else if (statistical(cfg) && cfg.mode === 'noninferiority' && r.evidence.drop_interval !== undefined) {
      out[i] = withEvidence(r, { alpha_adjusted: cfg.alpha, family: 'intersection-union' }, 'noninferiority needs no multiplicity correction: every such gate must pass (an intersection–union test, already at level alpha)');
    }
  });

  if (members.length > 0) {
    // Each metric a gate compares is its own test that can fail the gate, so each is a member of
    // the family: a gate over three metrics is three members, not one (issue 16).
    type Member = { gate: number; metric: string };
    const cfgOf = (i: number) => configs[i] as Extract<GateConfig, { kind: 'regression' }>;
    const family: Member[] = members.flatMap((i) => decidedMetrics(results[i] as GateResult).map((metric) => ({ gate: i, metric })));
    const alpha = Math.min(...members.map((i) => cfgOf(i).alpha));
    const m = family.length;
    const gatesWord = `${members.length} blocking significance gate${members.length === 1 ? '' : 's'}`;
    const over = m === members.length ? gatesWord : `${m} metric comparisons in ${gatesWord}`;
    if (method === 'none' || m === 1) {
      members.forEach((i) => {
        const a = cfgOf(i).alpha;
        const why = m === 1 ? undefined : `judged alone at alpha ${fmtAlpha(a)} (family: none): with ${over} noise alone fails at least one up to ${Math.round((1 - (1 - alpha) ** m) * 100)}% of the time`;
        out[i] = withEvidence(out[i] as GateResult, { alpha_adjusted: a, ...(m > 1 ? { family: { method: 'none', members: m } } : {}) }, why);
      });
    } else {
      const cache = new Map<string, GateResult>();
      const at = (i: number, level: number): GateResult => {
        const key = `${i}:${level}`;
        let r = cache.get(key);
        if (!r) cache.set(key, (r = reevaluate(cfgOf(i), level)));
        return r;
      };
      // At each step of Holm's procedure every remaining member is asked at the same level, so one
      // evaluation of its gate at that level answers for all of the gate's metrics.
      const { alphaAdjusted } = holmStepDown(m, alpha, (j, level) => {
        const { gate, metric } = family[j] as Member;
        const r = at(gate, level);
        if (metric === '') return r.status === 'fail' && r.failure_class === null;
        const row = perTask(r)[metric];
        return row?.status === 'fail' && row.failure_class === undefined;
      });
      members.forEach((i) => {
        const mine = family.map((f, j) => [f, j] as const).filter(([f]) => f.gate === i);
        const levels = Object.fromEntries(mine.map(([f, j]) => [f.metric, alphaAdjusted[j] as number]));
        const lowest = Math.min(...Object.values(levels));
        const several = mine.length > 1;
        const r = several ? reevaluate(cfgOf(i), lowest, levels) : at(i, lowest);
        const distinct = new Set(members.map((k) => cfgOf(k).alpha)).size > 1 ? ` (the smallest of the gates' alphas)` : '';
        const judged = !several
          ? `judged at alpha ${fmtAlpha(lowest)}`
          : mine.length <= 5
            ? `its ${mine.length} metrics judged at alpha ${mine.map(([f]) => `${f.metric} ${fmtAlpha(levels[f.metric] as number)}`).join(', ')}`
            : manyLevels(r, mine.length, m, lowest, Math.max(...Object.values(levels)), levels);
        out[i] = withEvidence(
          r,
          { alpha_adjusted: lowest, ...(several ? { alpha_adjusted_by_metric: levels } : {}), family: { method: 'holm', members: m, gates: members.length, alpha } },
          `${judged}: Holm's step-down over ${over}${m === members.length ? '' : ' (each metric a gate compares is one test that can fail it)'} keeps the chance that noise fails any of them at ${fmtAlpha(alpha)}${distinct}`,
        );
      });
    }
  }

  if (advisory.length > 0) {
    const p: Array<number | null> = advisory.map((i) => {
      const cfg = configs[i] as GateConfig;
      const r = results[i] as GateResult;
      if (!statistical(cfg) || r.evidence.drop_interval === undefined) return null;
      // The p-value of an interval test: the smallest alpha at which it rejects its null
      // (significance: "no drop beyond the tolerance" → fails; noninferiority: "a drop beyond" → passes).
      return pValueByBisection((level) => {
        const g = reevaluate(cfg, Math.min(level, 0.999));
        return cfg.mode === 'significance' ? g.status === 'fail' && g.failure_class === null : g.status === 'pass';
      }, 1e-6, 0.999, 24);
    });
    const withP = p.map((v, j) => [v, j] as const).filter((x): x is readonly [number, number] => x[0] !== null);
    const q = bhAdjust(withP.map(([v]) => v));
    const qOf = new Map(withP.map(([, j], k) => [j, q[k] as number]));
    advisory.forEach((i, j) => {
      const r = out[i] as GateResult;
      const qv = qOf.get(j);
      const extra: Record<string, unknown> = { advisory: true, alpha_adjusted: (configs[i] as { alpha?: number }).alpha ?? null };
      if (qv !== undefined) Object.assign(extra, { p_value: p[j], q_value: qv, family: { method: 'benjamini-hochberg', members: withP.length } });
      const words = qv !== undefined ? `advisory (never blocks): q = ${fmtAlpha(qv)} (Benjamini–Hochberg over ${withP.length} advisory gate${withP.length === 1 ? '' : 's'})` : 'advisory (never blocks)';
      out[i] = withEvidence(r, extra, words);
    });
  }
  return out;
}
