/**
 * The issue-14 performance table, gathered from every bench file of one `npm run bench` and
 * printed together at its end (bench/summary-setup.ts), with how long the whole run took. Each
 * bench still prints its own detailed figures; a row here is the one line the README quotes:
 * the measured median, the baseline measured in the same run, and their ratio.
 */
import { appendFileSync, readFileSync } from 'node:fs';

export interface SummaryRow {
  /** The row of issue 14's table. */
  what: string;
  /** The median as measured, with its unit ("84.2 ms"). */
  measured: string;
  /** The baseline it is divided by, measured in the same run ("node -e 0 at 41.0 ms"). */
  baseline: string;
  /** measured ÷ baseline, or the baseline's time ÷ ours for a speed ("2.05×"). */
  ratio: string;
  goal: string;
  met: boolean | null;
}

const FILE_ENV = 'GREENLIGHT_BENCH_SUMMARY';

/** Add a row to this run's summary (nothing when the bench runs outside `npm run bench`'s setup). */
export function summaryRow(row: SummaryRow): void {
  const file = process.env[FILE_ENV];
  if (file) appendFileSync(file, `${JSON.stringify(row)}\n`);
}

export function summaryFileEnv(): string {
  return FILE_ENV;
}

/** The rows gathered so far, as a Markdown table. */
export function summaryTable(file: string): string {
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return '(no rows: no bench recorded one)';
  }
  const rows = text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as SummaryRow);
  const lines = ['| what | measured (median) | baseline, same run | ratio | goal | |', '|---|---:|---|---:|---|---|'];
  for (const r of rows) lines.push(`| ${r.what} | ${r.measured} | ${r.baseline} | ${r.ratio} | ${r.goal} | ${r.met === null ? '' : r.met ? 'met' : 'NOT met'} |`);
  return lines.join('\n');
}
