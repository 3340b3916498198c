/**
 * The uncertainty a card metric carries (SPEC §2.5 `results.metrics[].ci95`): a proportion
 * with n and successes gets its Wilson 95% interval, a metric with a stderr its normal
 * interval. A given ci95 always wins. Used wherever a metric becomes a card metric — the
 * runner's draft and `scorecard render --input` alike — so the aggregate line, the scorecard
 * gate and the diff all see the same intervals. Seed 001's reviewer: "A 40% point estimate on
 * n=25 carries roughly a ±19-point 95% confidence interval … the CI reported on the card".
 */
import { wilsonInterval } from '../stats/wilson';
import { zTwoSided } from '../stats/normal';
import { countAtBound, informativeStderr, zeroStderrReason } from '../stats/degenerate';

export interface IntervalEvidence {
  value: number;
  n?: number;
  successes?: number;
  stderr?: number;
  ci95?: readonly [number, number] | null;
  scale?: number;
}

/** Bounds are rounded outwards to 1/10000 of the scale: readable, and never narrower than computed. */
export function outward(lo: number, hi: number, scale: number): [number, number] {
  const step = scale / 10_000;
  const tidy = (x: number): number => Number(x.toPrecision(12)) + 0;
  return [tidy(Math.floor(lo / step + 1e-9) * step), tidy(Math.ceil(hi / step - 1e-9) * step)];
}

/** The interval a metric's evidence supports, or why it supports none (said on the card). */
export type IntervalVerdict = { ci95: [number, number]; method: 'given' | 'wilson' | 'normal' } | { ci95: null; why: string };

/**
 * The 95% interval of a metric, by the best evidence it carries: a given ci95; Wilson from n and
 * successes (or from n alone when a bounded metric sits at 0 or its scale: 0 of n, n of n); a
 * normal interval from a stderr above 0. A stderr of 0, n = 0 or a lone item give no interval,
 * and the reason says which (stats/degenerate.ts): never a zero-width or NaN interval.
 */
export function metricInterval(m: IntervalEvidence): IntervalVerdict {
  if (m.ci95) return { ci95: [m.ci95[0], m.ci95[1]], method: 'given' };
  if (!Number.isFinite(m.value)) return { ci95: null, why: 'the value is not a finite number' };
  const { n, successes } = m;
  if (n === 0) return { ci95: null, why: 'n = 0 (nothing measured)' };
  const scale = m.scale ?? 1;
  const wilson = (x: number, count: number): IntervalVerdict => {
    const w = wilsonInterval(x, count);
    return { ci95: outward(scale * w.lo, scale * w.hi, scale), method: 'wilson' };
  };
  if (n !== undefined && successes !== undefined && Number.isInteger(n) && n > 0 && Number.isInteger(successes) && successes >= 0 && successes <= n) {
    // Only when the value is that proportion (on its scale): a mean score with an `n` is not.
    if (Math.abs(m.value - (scale * successes) / n) <= 1e-6 * scale) return wilson(successes, n);
  }
  const se = informativeStderr(m.stderr);
  if (se !== undefined) {
    const half = zTwoSided(0.05) * se;
    let lo = m.value - half;
    let hi = m.value + half;
    if (m.scale !== undefined && m.value >= 0 && m.value <= m.scale) {
      lo = Math.max(0, lo);
      hi = Math.min(m.scale, hi);
    }
    // The rounding step is a ten-thousandth of the scale, else of the larger of |value| and stderr (both > 0 here).
    const unit = m.scale ?? Math.max(Math.abs(m.value), se);
    return { ci95: outward(lo, hi, unit), method: 'normal' };
  }
  const bound = countAtBound(m.value, m.scale, n);
  if (bound) return wilson(bound.x, bound.n);
  if (m.stderr === 0) return { ci95: null, why: zeroStderrReason(n) };
  return { ci95: null, why: 'no n with successes, stderr or interval' };
}

/** The 95% interval the evidence supports, or undefined when it supports none. */
export function metricCi95(m: IntervalEvidence): [number, number] | undefined {
  const v = metricInterval(m);
  return v.ci95 ?? undefined;
}

/** A metric with its interval filled in when its evidence supports one (otherwise as it was). */
export function withCi95<T extends IntervalEvidence>(m: T): T {
  if (m.ci95) return m;
  const ci = metricCi95(m);
  return ci ? { ...m, ci95: ci } : m;
}

/**
 * How far the interval reaches from the value, in points of a 0–100 scale when the metric is a
 * 0–1 ratio (`±19.3 points`), else in the metric's own units; asymmetric intervals say both.
 */
export function intervalReach(value: number, ci: readonly [number, number], scale?: number): string {
  const k = scale === 1 || (scale === undefined && value >= 0 && value <= 1 && ci[0] >= 0 && ci[1] <= 1) ? 100 : 1;
  const unit = k === 100 ? ' points' : '';
  const below = (value - ci[0]) * k;
  const above = (ci[1] - value) * k;
  const f = (x: number): string => (Math.round(Math.max(0, x) * 10) / 10).toFixed(1);
  return Math.abs(below - above) < 0.1 * Math.max(1, Math.abs(above)) ? `±${f(Math.max(below, above))}${unit}` : `−${f(below)}/+${f(above)}${unit}`;
}
