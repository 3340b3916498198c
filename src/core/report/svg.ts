/**
 * Charts for the static report as inline SVG strings: no script, no font or image to fetch,
 * so the file reads the same from disk, a CI artefact or static hosting. Each chart has a
 * <title> and the same numbers are in a table beside it.
 */
import { fmtDelta, fmtPlain } from '../format/numbers';

export const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

export interface IntervalBar {
  label: string;
  value: number;
  lo?: number;
  hi?: number;
  /** Drawn in the failure colour. */
  bad?: boolean;
}

const W = 640;
const LABEL = 200;
const ROW = 26;

/** Values on a fixed 0–1 axis (proportions), each with its 95% interval as a whisker. */
export function proportionChart(title: string, bars: readonly IntervalBar[]): string {
  return chart(title, bars, 0, 1, (v) => fmtPlain(v), false);
}

/** Deltas (candidate − baseline) around a zero line, with their 95% intervals. */
export function deltaChart(title: string, bars: readonly IntervalBar[]): string {
  const reach = Math.max(1e-9, ...bars.flatMap((b) => [Math.abs(b.value), Math.abs(b.lo ?? 0), Math.abs(b.hi ?? 0)]));
  return chart(title, bars, -reach, reach, (v) => fmtDelta(v), true);
}

function chart(title: string, bars: readonly IntervalBar[], min: number, max: number, fmt: (v: number) => string, centred: boolean): string {
  if (bars.length === 0) return '';
  const plot = W - LABEL - 90;
  const x = (v: number): number => LABEL + ((Math.min(max, Math.max(min, v)) - min) / (max - min)) * plot;
  const h = 30 + bars.length * ROW;
  const rows = bars.map((b, i) => {
    const y = 20 + i * ROW;
    const from = centred ? x(0) : x(min);
    const to = x(b.value);
    const cls = b.bad ? 'bad' : 'bar';
    const whisker = b.lo !== undefined && b.hi !== undefined ? `<line class="whisker" x1="${x(b.lo).toFixed(1)}" x2="${x(b.hi).toFixed(1)}" y1="${y + 7}" y2="${y + 7}"/><line class="whisker" x1="${x(b.lo).toFixed(1)}" x2="${x(b.lo).toFixed(1)}" y1="${y + 2}" y2="${y + 12}"/><line class="whisker" x1="${x(b.hi).toFixed(1)}" x2="${x(b.hi).toFixed(1)}" y1="${y + 2}" y2="${y + 12}"/>` : '';
    return `<text class="label" x="${LABEL - 8}" y="${y + 11}" text-anchor="end">${esc(b.label)}</text><rect class="${cls}" x="${Math.min(from, to).toFixed(1)}" y="${y + 2}" width="${Math.max(1, Math.abs(to - from)).toFixed(1)}" height="10"/>${whisker}<text class="value" x="${LABEL + plot + 8}" y="${y + 11}">${esc(fmt(b.value))}</text>`;
  });
  const axis = centred
    ? `<line class="axis" x1="${x(0).toFixed(1)}" x2="${x(0).toFixed(1)}" y1="14" y2="${h - 8}"/><text class="tick" x="${x(0).toFixed(1)}" y="12" text-anchor="middle">0</text>`
    : [0, 0.25, 0.5, 0.75, 1].map((t) => `<line class="grid" x1="${x(t).toFixed(1)}" x2="${x(t).toFixed(1)}" y1="14" y2="${h - 8}"/><text class="tick" x="${x(t).toFixed(1)}" y="12" text-anchor="middle">${t}</text>`).join('');
  return `<figure><svg role="img" viewBox="0 0 ${W} ${h}" width="100%" xmlns="http://www.w3.org/2000/svg"><title>${esc(title)}</title>${axis}${rows.join('')}</svg><figcaption>${esc(title)}</figcaption></figure>`;
}
