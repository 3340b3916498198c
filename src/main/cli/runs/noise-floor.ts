/** `run --aa`: print how far two runs of the same version landed apart, metric by metric and item by item. */
import type { Metric } from '../../../core/metric';
import { noiseFloor } from '../../../core/noise-floor';
import type { RunDetail } from '../../../shared/schemas';
import { EXIT_FAIL, EXIT_PASS } from '../exit';
import { runShowJson } from './json';
import { fmtValue } from '../../../core/format/numbers';

const pts = (x: number): string => `${(x * 100).toFixed(1)}`;

export function reportNoiseFloor(runs: RunDetail[], json: boolean): number {
  const [a, b] = runs;
  const bothRan = a && b && a.status === 'succeeded' && b.status === 'succeeded';
  const rows = bothRan ? noiseFloor(a.metrics as unknown as Metric[], b.metrics as unknown as Metric[]) : [];
  if (json) {
    process.stdout.write(`${JSON.stringify({ runs: runs.map(runShowJson), noise_floor: rows }, null, 2)}\n`);
  } else if (!bothRan) {
    process.stdout.write(`A/A: no noise floor — ${runs.map((r) => `run ${r.id} ${r.status}`).join(', ')}\n`);
  } else {
    const lines = [`A/A: runs ${a.id} and ${b.id} of the same version${a.version ? ` (v${a.version})` : ''}`];
    for (const r of rows) {
      const items = r.paired_items !== null ? `; ${r.flipped} of ${r.paired_items} items differ between the two runs` : '';
      const floor = r.noise_floor !== null && r.interval ? `; 95% interval of the difference [${pts(r.interval[0])}, ${pts(r.interval[1])}] points: changes smaller than about ±${pts(r.noise_floor)} points cannot be told from noise (${r.method})` : '; no interval (no n, stderr or items)';
      lines.push(`  ${r.metric}: ${fmtValue(r.first, undefined, r.metric)} then ${fmtValue(r.second, undefined, r.metric)} (difference ${r.difference >= 0 ? '+' : ''}${Number(r.difference.toPrecision(4))})${items}${floor}`);
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  return bothRan ? EXIT_PASS : EXIT_FAIL;
}
