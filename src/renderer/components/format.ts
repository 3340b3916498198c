import { fmtDelta, fmtDeltaInterval, fmtPlain } from '../../core/format/numbers';
export { fmtValue, fmtAggregate, fmtAggregateDelta, fmtAggregateDeltaInterval, money } from '../../core/format/numbers';

/** Number formatting shared with the card and the CLI (core/format): one precision rule everywhere. */
export function fmtNum(x: number | null | undefined): string {
  return fmtPlain(x);
}

/** Δ = candidate − baseline, signed with a true minus: `+0.0227`, `−0.0227`. */
export function fmtSigned(x: number | null | undefined, unit?: string, name?: string): string {
  return fmtDelta(x, unit, name);
}

/** A delta's interval with signs: `[−0.02, +0.01]`. */
export function fmtSignedInterval(i: { lo: number; hi: number }, unit?: string, name?: string): string {
  return fmtDeltaInterval(i, unit, name);
}

/** The Interval cell of a gate: shared with the static report (core/format/gate-interval). */
export { fmtGateInterval } from '../../core/format/gate-interval';

export function fmtDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
