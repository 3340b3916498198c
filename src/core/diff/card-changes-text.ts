/**
 * The aligned card changes as terminal lines, for `greenlight publish --dry-run`: the same
 * rows, words and numbers as the console's Publish tab (core/format), in padded columns.
 */
import { gateStatusLabel } from '../gates/display';
import { fmtAggregate, fmtAggregateDelta, fmtAggregateDeltaInterval, fmtDelta, fmtDeltaInterval, fmtValue } from '../format/numbers';
import type { CardChanges } from './card-changes';
import type { GateDiff, MetricDiff } from './schema';

/** What a metric's change reads as, by its direction: the words the Compare tab uses. */
export function metricChangeWords(m: Pick<MetricDiff, 'verdict' | 'unpaired'>): string {
  // A pipeline stage the other card does not have: said, never "added" as if new.
  if (m.unpaired) return m.unpaired;
  if (m.verdict === 'added') return 'added (not in the previous card)';
  if (m.verdict === 'removed') return 'removed (not in this card)';
  return m.verdict;
}

export function gateStatusText(g: GateDiff, side: 'baseline' | 'candidate'): string {
  const s = g[side];
  return s === null ? 'absent' : gateStatusLabel({ status: s, note: g.underpowered?.[side] ? 'underpowered' : '' });
}

function columns(rows: string[][]): string[] {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => [...(r[i] ?? '')].length))) ?? [];
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c + ' '.repeat((widths[i] ?? 0) - [...c].length))).join('  ').trimEnd());
}

export function formatCardChanges(c: CardChanges): string[] {
  const out: string[] = [`${c.previous.label} (${c.previous.version ?? '?'}) → ${c.next.label} (${c.next.version ?? '?'}); Δ = new − previous`];
  const a = c.aggregate;
  if (a.baseline !== null || a.candidate !== null) {
    out.push(`aggregate: ${fmtAggregate(a.baseline)} → ${fmtAggregate(a.candidate)}${a.delta !== null ? ` (Δ ${fmtAggregateDelta(a.delta)}${a.interval ? ` ${fmtAggregateDeltaInterval(a.interval)}` : ''}) ${a.verdict}` : ''}`);
  }
  const metricRows = c.metrics.map((m) => [
    `${m.name}${m.higherIsBetter ? '' : ' (lower is better)'}`,
    fmtValue(m.baseline, m.unit, m.name),
    fmtValue(m.candidate, m.unit, m.name),
    m.delta === null ? '—' : `${fmtDelta(m.delta, m.unit, m.name)}${m.interval ? ` ${fmtDeltaInterval(m.interval, m.unit, m.name)}` : ''}`,
    metricChangeWords(m),
  ]);
  out.push('metrics:', ...columns([['metric', 'previous', 'new', 'Δ [95% interval]', ''], ...metricRows]).map((l) => `  ${l}`));
  if (c.gates.length && c.gates.every((g) => g.baseline === null)) out.push(`gates: ${c.previous.label} recorded no gates; ${c.gates.length} in this card`);
  else if (c.gates.length) {
    out.push('gates:', ...columns([['gate', 'previous', 'new', ''], ...c.gates.map((g) => [g.name, gateStatusText(g, 'baseline'), gateStatusText(g, 'candidate'), g.changed ? 'changed' : ''])]).map((l) => `  ${l}`));
  }
  for (const k of c.carried) out.push(`carried over from ${c.previous.label}: ${k.what}${k.value !== null ? ` = ${k.value}` : ''} — ${k.why}`);
  if (c.dropped.length) {
    out.push(`dropped from the previous card: ${c.dropped.map((k) => k.what).join(', ')}`);
    for (const k of c.dropped) out.push(`  ${k.what}${k.value !== null ? ` (${k.value})` : ''}: ${k.why}`);
  }
  for (const w of c.warnings) out.push(`warning: ${w}`);
  return out;
}
