// Frozen copy of src/core as of e580b11 (before issue 14g made the gate engine lazy): the oracle that test/core/gates/lazy-equivalence.test.ts compares the new engine against, byte for byte.
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

export type Reevaluate = (cfg: GateConfig, alpha: number) => GateResult;

function statistical(cfg: GateConfig): cfg is Extract<GateConfig, { kind: 'regression' }> {
  return cfg.kind === 'regression' && (cfg.mode === 'significance' || cfg.mode === 'noninferiority');
}

/** A result that the data decided (an interval judged against the tolerance), not a missing input, an anomaly or a skip. */
function decidedByInterval(r: GateResult): boolean {
  return (r.status === 'pass' || r.status === 'fail') && r.failure_class === null && r.evidence.drop_interval !== undefined;
}

const fmtAlpha = (a: number): string => String(Number(a.toPrecision(3)));

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
    const cfgs = members.map((i) => configs[i] as Extract<GateConfig, { kind: 'regression' }>);
    const alpha = Math.min(...cfgs.map((c) => c.alpha));
    const m = members.length;
    if (method === 'none' || m === 1) {
      members.forEach((i, j) => {
        const why =
          m === 1
            ? undefined
            : `judged alone at alpha ${fmtAlpha(cfgs[j]!.alpha)} (family: none): with ${m} significance gates noise alone fails at least one up to ${Math.round((1 - (1 - alpha) ** m) * 100)}% of the time`;
        out[i] = withEvidence(out[i] as GateResult, { alpha_adjusted: cfgs[j]!.alpha, ...(m > 1 ? { family: { method: 'none', members: m } } : {}) }, why);
      });
    } else {
      const cache = new Map<string, GateResult>();
      const at = (j: number, level: number): GateResult => {
        const key = `${j}:${level}`;
        let r = cache.get(key);
        if (!r) cache.set(key, (r = reevaluate(cfgs[j] as GateConfig, level)));
        return r;
      };
      const { alphaAdjusted } = holmStepDown(m, alpha, (j, level) => {
        const r = at(j, level);
        return r.status === 'fail' && r.failure_class === null;
      });
      members.forEach((i, j) => {
        const level = alphaAdjusted[j] as number;
        const r = at(j, level);
        const distinct = new Set(cfgs.map((c) => c.alpha)).size > 1 ? ` (the smallest of the gates' alphas)` : '';
        out[i] = withEvidence(
          r,
          { alpha_adjusted: level, family: { method: 'holm', members: m, alpha } },
          `judged at alpha ${fmtAlpha(level)}: Holm's step-down over ${m} blocking significance gates keeps the chance that noise fails any of them at ${fmtAlpha(alpha)}${distinct}`,
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
