import { wilsonInterval } from '../../core/stats';
/**
 * Number formatting shared by tables and charts: `digits` decimals, or as many significant
 * digits below 1 so a small value keeps its digits (a cost of 0.002244, not 0.0022).
 */
export function fmtNum(x: number | null | undefined, digits = 4): string {
  if (x === null || x === undefined) return '—';
  if (!Number.isFinite(x)) return String(x);
  if (Number.isInteger(x)) return String(x);
  return String(Number(Math.abs(x) < 1 ? x.toPrecision(digits) : x.toFixed(digits)));
}

function fmtInterval(ci: readonly [number, number] | null | undefined, digits = 4): string {
  return ci ? `[${fmtNum(ci[0], digits)}, ${fmtNum(ci[1], digits)}]` : '—';
}

export function fmtSigned(x: number | null | undefined, digits = 4): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  return `${x > 0 ? '+' : x < 0 ? '−' : '±'}${fmtNum(Math.abs(x), digits)}`;
}

/** A delta's interval with signs: `[−0.02, +0.01]`. */
export function fmtSignedInterval(i: { lo: number; hi: number }): string {
  return `[${fmtSigned(i.lo)}, ${fmtSigned(i.hi)}]`;
}

/**
 * The Interval cell of a gate. A regression gate's interval is of the drop (baseline −
 * candidate), not of a measured value, so it says so, and names the task when several were
 * compared (it is the worst task's, the one the Value column shows).
 */
export function fmtGateInterval(evidence: Record<string, unknown> | undefined): string {
  const hit = intervalEntry(evidence);
  if (!hit) return '—';
  if (hit.key !== 'drop_interval') return fmtInterval(hit.ci);
  const task = evidence?.drop_interval_task;
  return `drop ${fmtInterval(hit.ci)}${typeof task === 'string' ? ` (${task})` : ''}`;
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
