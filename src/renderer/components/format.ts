import { wilsonInterval } from '../../core/stats';
import { fmtDelta, fmtDeltaInterval, fmtPlain } from '../../core/format/numbers';
export { fmtValue, fmtAggregate, money } from '../../core/format/numbers';

/** Number formatting shared with the card and the CLI (core/format): one precision rule everywhere. */
export function fmtNum(x: number | null | undefined): string {
  return fmtPlain(x);
}

function fmtInterval(ci: readonly [number, number] | null | undefined): string {
  return ci ? `[${fmtNum(ci[0])}, ${fmtNum(ci[1])}]` : '—';
}

/** Δ = candidate − baseline, signed with a true minus: `+0.0227`, `−0.0227`. */
export function fmtSigned(x: number | null | undefined, unit?: string, name?: string): string {
  return fmtDelta(x, unit, name);
}

/** A delta's interval with signs: `[−0.02, +0.01]`. */
export function fmtSignedInterval(i: { lo: number; hi: number }, unit?: string, name?: string): string {
  return fmtDeltaInterval(i, unit, name);
}

/**
 * The Interval cell of a gate. A regression gate's evidence holds the interval of the drop
 * (baseline − candidate); it is shown as Δ = candidate − baseline like every other delta in
 * the console, the card and the CLI, and names the task when several were compared (the worst
 * task's, the one the Value column shows).
 */
export function fmtGateInterval(evidence: Record<string, unknown> | undefined): string {
  const hit = intervalEntry(evidence);
  if (!hit) return '—';
  if (hit.key !== 'drop_interval') return fmtInterval(hit.ci);
  const task = evidence?.drop_interval_task;
  return `Δ ${fmtDeltaInterval([-hit.ci[1], -hit.ci[0]])}${typeof task === 'string' ? ` (${task})` : ''}`;
}

function intervalEntry(evidence: Record<string, unknown> | undefined): { ci: [number, number]; key: string } | null {
  if (!evidence) return null;
  for (const key of ['ci95', 'interval', 'drop_interval']) {
    const v = evidence[key];
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'number' && typeof v[1] === 'number') return { ci: [v[0], v[1]], key };
    if (v && typeof v === 'object' && 'lo' in v && 'hi' in v && typeof v.lo === 'number' && typeof v.hi === 'number') return { ci: [v.lo, v.hi], key };
  }
  // A proportion with its counts: the Wilson 95% interval, from the core statistics.
  const { n, successes } = evidence;
  if (typeof n === 'number' && typeof successes === 'number' && n > 0) {
    const ci = wilsonInterval(successes, n);
    return { ci: [ci.lo, ci.hi], key: 'wilson' };
  }
  return null;
}

export function fmtDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
