/**
 * Global setup of `npm run bench`: a file the bench files add their issue-14 rows to
 * (bench/lib/summary.ts), printed as one table when the run ends, with the run's wall time.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { summaryFileEnv, summaryTable } from './lib/summary';

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'greenlight-bench-summary-'));
  const file = join(dir, 'rows.jsonl');
  process.env[summaryFileEnv()] = file;
  const t0 = Date.now();
  const load0 = loadavg()[0] ?? 0;
  return () => {
    const minutes = (Date.now() - t0) / 60_000;
    process.stdout.write(
      `\nIssue 14 performance table (this run; load average ${load0.toFixed(2)} at the start, ${(loadavg()[0] ?? 0).toFixed(2)} at the end)\n${summaryTable(file)}\n` +
        `\nnpm run bench: ${minutes.toFixed(1)} min wall in total\n`,
    );
    rmSync(dir, { recursive: true, force: true });
  };
}
