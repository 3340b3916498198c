// Frozen copy of src/core on main as of 8142cdd (before issue 14g made the gate engine lazy): the oracle that test/core/gates/lazy-equivalence.test.ts compares the new engine against, byte for byte.
/**
 * The interval of a drop between a baseline and a candidate metric, by the best test the
 * evidence allows (SPEC §2.4): paired per-item outcomes → Tango's score interval with the
 * exact McNemar p (binary) or a seeded paired bootstrap (scores); n and successes on both
 * sides → Newcombe's interval for independent proportions; stderr (or ci95) → normal.
 * Intervals are of (baseline − candidate) in the direction where a positive number is worse,
 * as a fraction of the metric's scale.
 */
import type { Metric } from '../../../../src/core/metric';
import { countAtBound, informativeStderr, noSpreadReach, mcnemarExact, newcombeDifference, normalDifference, pairedBootstrap, stderrFromCi95, tangoPairedDifference, zeroStderrReason } from '../../../../src/core/stats';

export interface DropInterval {
  lo: number;
  hi: number;
  /** The observed drop, on the interval's scale. */
  estimate: number;
  method: 'paired-tango' | 'paired-bootstrap' | 'newcombe' | 'normal' | 'cluster-bootstrap' | 'clustered-normal';
  /** Human words for the note. */
  description: string;
  /**
   * The interval this method would give had the observed drop been `drop` (same sample sizes,
   * same baseline): what the smallest-detectable-drop calculation asks of the gate.
   */
  at: (drop: number) => { lo: number; hi: number };
  /** Items (paired) or the candidate's sample size, for notes a person reads ("at n = 25"). */
  n?: number;
  extra: Record<string, unknown>;
}

function sameItems(a: Record<string, number>, b: Record<string, number>): string[] | null {
  const keys = Object.keys(a);
  if (keys.length === 0 || keys.length !== Object.keys(b).length) return null;
  for (const k of keys) if (!(k in b)) return null;
  return keys;
}

/** A stderr of 0 or a zero-width ci95: the side measured no spread, which is not certainty (stats/degenerate.ts). */
function degenerate(m: Metric): boolean {
  return m.stderr === 0 || (m.stderr === undefined && m.ci95 !== undefined && m.ci95[1] === m.ci95[0]);
}

function successesOf(m: Metric, scale: number, allowDerived: boolean): { x: number; n: number } | null {
  if (m.n === undefined || !(m.n > 0)) return null;
  if (m.successes !== undefined) return m.successes <= m.n ? { x: m.successes, n: m.n } : null;
  if (!allowDerived || m.value === null) return null;
  // With no spread measured, only a metric at its bound has a count it must be (0 of n, n of n);
  // a tied score inside the range is not a proportion.
  if (degenerate(m)) return countAtBound(m.value, scale, m.n) ?? null;
  const p = m.value / scale;
  return p >= 0 && p <= 1 ? { x: Math.round(p * m.n), n: m.n } : null;
}

function stderrOf(m: Metric): number | null {
  const se = informativeStderr(m.stderr);
  if (se !== undefined) return se;
  if (m.stderr === undefined && m.ci95 && Number.isFinite(m.ci95[0]) && Number.isFinite(m.ci95[1]) && m.ci95[1] > m.ci95[0]) return stderrFromCi95(m.ci95[0], m.ci95[1]);
  return null;
}

/** Why a side gives no interval when its evidence is degenerate (for the gate's note), else undefined. */
export function degenerateReason(m: Metric): string | undefined {
  if (m.stderr === 0) return zeroStderrReason(m.n);
  if (m.n === 0) return 'n = 0 (nothing measured)';
  if (degenerate(m)) return 'a zero-width ci95 (no spread measured)';
  return undefined;
}

/** `sign` is +1 when higher is better (drop = b − c), −1 otherwise. Null when no evidence allows an interval. */
export function dropInterval(
  b: Metric & { value: number },
  c: Metric & { value: number },
  scale: number,
  sign: 1 | -1,
  alpha: number,
  bootstrap: { resamples: number; seed: number },
): DropInterval | null {
  const conf = `${Math.round((1 - alpha) * 1000) / 10}%`;
  // 1. Paired per-item outcomes on the same items.
  if (b.items && c.items) {
    const keys = sameItems(b.items, c.items);
    if (keys) {
      let binary = true;
      for (const k of keys) {
        const x = b.items[k] as number;
        const y = c.items[k] as number;
        if ((x !== 0 && x !== 1) || (y !== 0 && y !== 1)) {
          binary = false;
          break;
        }
      }
      if (binary) {
        const t = { both: 0, onlyFirst: 0, onlySecond: 0, neither: 0 };
        for (const k of keys) {
          const x = b.items[k] === 1;
          const y = c.items[k] === 1;
          if (x && y) t.both++;
          else if (x) t.onlyFirst++;
          else if (y) t.onlySecond++;
          else t.neither++;
        }
        // Items are pass/fail, so the interval is already on the 0–1 scale of a rate. Tango's
        // score interval: chosen over Newcombe's paired interval, the Bonett–Price interval and
        // an exact Clopper–Pearson bound by measured coverage (bench/decision-quality.bench.ts).
        const n = keys.length;
        const [worse, better] = sign === 1 ? [t.onlyFirst, t.onlySecond] : [t.onlySecond, t.onlyFirst];
        // In the drop's direction: "worse" items pass on the baseline only.
        const iv = tangoPairedDifference(worse, better, n, alpha);
        const { lo, hi } = iv;
        const p = mcnemarExact(t.onlyFirst, t.onlySecond);
        // Another drop d with the same gained items: worse = better + d·n (fractional counts are fine for the score).
        const at = (d: number) => (better + d * n >= 0 ? tangoPairedDifference(better + d * n, better, n, alpha) : tangoPairedDifference(0, -d * n, n, alpha));
        return {
          lo,
          hi,
          estimate: iv.estimate,
          at,
          method: 'paired-tango',
          description: `paired test on ${keys.length} items: exact McNemar p=${p.toPrecision(3)} (${worse} lost, ${better} gained), Tango score ${conf} interval`,
          n: keys.length,
          extra: { n_items: keys.length, discordant: { lost: worse, gained: better }, mcnemar_p: p },
        };
      }
      const diffs = new Float64Array(keys.length);
      let itemScale = 1;
      for (const k of keys) {
        const x = b.items[k] as number;
        const y = c.items[k] as number;
        if (!Number.isFinite(x) || !Number.isFinite(y)) return null;
        if (Math.abs(x) > 1 || Math.abs(y) > 1) itemScale = scale;
      }
      keys.forEach((k, i) => {
        diffs[i] = (sign * ((b.items![k] as number) - (c.items![k] as number))) / itemScale;
      });
      const boot = pairedBootstrap(diffs, { alpha, resamples: bootstrap.resamples, seed: bootstrap.seed });
      // Every difference equal (all items tied across the sides): the bootstrap collapses to a
      // point, which is no evidence of certainty; the interval then comes from n alone.
      const tied = boot.hi - boot.lo <= 0;
      const reach = tied ? noSpreadReach(keys.length, alpha) : 0;
      const iv = tied ? { ...boot, lo: boot.estimate - reach, hi: boot.estimate + reach } : boot;
      return {
        lo: iv.lo,
        hi: iv.hi,
        method: 'paired-bootstrap',
        description: tied
          ? `paired comparison on ${keys.length} items whose differences are all equal (no spread for a bootstrap): ${conf} interval from n alone, as for 0 of ${keys.length} items moved (Tango)`
          : `paired bootstrap on ${keys.length} items (${iv.resamples} resamples, seed ${iv.seed}), ${conf} interval`,
        estimate: iv.estimate,
        at: (d: number) => ({ lo: d - (iv.estimate - iv.lo), hi: d + (iv.hi - iv.estimate) }),
        n: keys.length,
        extra: { n_items: keys.length, resamples: iv.resamples, seed: iv.seed },
      };
    }
  }
  // 2. Two independent proportions with explicit successes.
  const sb = successesOf(b, scale, false);
  const sc = successesOf(c, scale, false);
  const seB = stderrOf(b);
  const seC = stderrOf(c);
  const independent = sb && sc ? { sb, sc, derived: false } : seB !== null && seC !== null ? null : (() => {
    const db = successesOf(b, scale, true);
    const dc = successesOf(c, scale, true);
    return db && dc ? { sb: db, sc: dc, derived: true } : null;
  })();
  if (independent) {
    const { sb: B, sc: C } = independent;
    const oriented = (cx: number) => {
      const iv = newcombeDifference(B.x, B.n, cx, C.n, alpha);
      return { estimate: sign * iv.estimate, lo: sign === 1 ? iv.lo : -iv.hi, hi: sign === 1 ? iv.hi : -iv.lo };
    };
    const iv = oriented(C.x);
    const { lo, hi } = iv;
    // Another drop d: the candidate's rate is the baseline's minus d (in the metric's direction), expected counts.
    const at = (d: number) => oriented(Math.min(C.n, Math.max(0, (B.x / B.n - sign * d) * C.n)));
    return {
      lo,
      hi,
      method: 'newcombe',
      description: `Newcombe ${conf} interval for independent proportions (${B.x}/${B.n} vs ${C.x}/${C.n}${independent.derived ? ', successes from value × n' : ''})`,
      estimate: iv.estimate,
      at,
      n: C.n,
      extra: { baseline: { successes: B.x, n: B.n }, candidate: { successes: C.x, n: C.n } },
    };
  }
  // 3. Normal interval from standard errors.
  if (seB !== null && seC !== null) {
    const iv = normalDifference(sign * b.value, seB, sign * c.value, seC, alpha);
    const lo = iv.lo / scale;
    const hi = iv.hi / scale;
    return {
      lo,
      hi,
      method: 'normal',
      description: `normal ${conf} interval from stderr (${seB.toPrecision(3)} vs ${seC.toPrecision(3)})`,
      estimate: iv.estimate / scale,
      at: (d: number) => ({ lo: d - (iv.estimate - iv.lo) / scale, hi: d + (iv.hi - iv.estimate) / scale }),
      ...(c.n !== undefined ? { n: c.n } : {}),
      extra: { stderr: { baseline: seB, candidate: seC } },
    };
  }
  return null;
}

/** The degenerate evidence (stderr 0, n = 0) behind a missing interval, side by side. */
export function degenerateWords(b: Metric, c: Metric): string {
  const parts = ([['baseline', b], ['candidate', c]] as const).flatMap(([label, m]) => {
    const why = degenerateReason(m);
    return why ? [`the ${label} has ${why}`] : [];
  });
  return parts.length ? `; ${parts.join('; ')}` : '';
}
