/**
 * The card's Noise floor (A/A) section (issue 16): two runs of one version with nothing
 * changed, and how far apart they landed. A difference between releases smaller than this is
 * not evidence of change.
 */
import { fmtDeltaInterval, fmtValue } from '../format/numbers';
import type { NoiseFloorBlock } from './payload';

export const NOISE_FLOOR_TITLE = '## Noise floor (A/A)';

export function noiseFloorLines(f: NoiseFloorBlock): string[] {
  if (f.metrics.length === 0) return [];
  const when = f.measured_at ? ` on ${f.measured_at.slice(0, 10)}` : '';
  const out = [
    NOISE_FLOOR_TITLE,
    '',
    `${f.own ? 'This run is one of an A/A pair' : 'Measured by an A/A pair of this eval'}: runs \`${f.runs[0]}\` and \`${f.runs[1]}\`${f.version ? ` of v${f.version}` : ''}${when}, the same version run twice with nothing changed. Whatever separates them is noise.`,
    '',
  ];
  for (const m of f.metrics) {
    const items = typeof m.paired_items === 'number' && typeof m.flipped === 'number' ? `${m.flipped} of ${m.paired_items} items differ between the two runs` : 'no per-item outcomes';
    const floor =
      typeof m.noise_floor === 'number' && m.interval
        ? `; the 95% interval of their difference is ${fmtDeltaInterval(m.interval, undefined, m.name)}, so a change smaller than about ±${fmtValue(m.noise_floor, undefined, m.name)} cannot be told from noise${m.method ? ` (${m.method})` : ''}`
        : '; no interval (no n, stderr or items)';
    out.push(`- \`${m.name}\`: ${items}${floor}.`);
  }
  out.push('');
  return out;
}
