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

/** The 95% interval the evidence supports, or undefined when it supports none. */
export function metricCi95(m: IntervalEvidence): [number, number] | undefined {
  if (m.ci95) return [m.ci95[0], m.ci95[1]];
  if (!Number.isFinite(m.value)) return undefined;
  const { n, successes } = m;
  if (n !== undefined && successes !== undefined && Number.isInteger(n) && n > 0 && Number.isInteger(successes) && successes >= 0 && successes <= n) {
    // Only when the value is that proportion (on its scale): a mean score with an `n` is not.
    const scale = m.scale ?? 1;
    if (Math.abs(m.value - (scale * successes) / n) <= 1e-6 * scale) {
      const w = wilsonInterval(successes, n);
      return outward(scale * w.lo, scale * w.hi, scale);
    }
  }
  if (m.stderr !== undefined && Number.isFinite(m.stderr) && m.stderr >= 0) {
    const half = zTwoSided(0.05) * m.stderr;
    let lo = m.value - half;
    let hi = m.value + half;
    if (m.scale !== undefined && m.value >= 0 && m.value <= m.scale) {
      lo = Math.max(0, lo);
      hi = Math.min(m.scale, hi);
    }
    const unit = m.scale ?? Math.max(Math.abs(m.value), m.stderr, Number.MIN_VALUE);
    return outward(lo, hi, unit);
  }
  return undefined;
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
