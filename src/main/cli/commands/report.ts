/** `greenlight report --run ID --out report.html`: the run's self-contained HTML report. */
import type { Command } from 'commander';
import { renameSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { action } from '../exit';
import { UsageError } from '../../../core/errors';
import { closeContext, createContext } from '../../context/context';
import { buildReport, ReportNotFound } from '../../report/build';

export function register(program: Command): void {
  program
    .command('report')
    .description('write one self-contained HTML report of a run (scorecard, gates with intervals, comparison with the previous release, charts) that opens from disk with no server or network')
    .requiredOption('--run <id>', 'the run (see greenlight runs list)')
    .requiredOption('--out <file>', 'the HTML file to write, e.g. report.html')
    .action(
      action(async (opts: { run: string; out: string }) => {
        const ctx = createContext({ face: 'cli' });
        try {
          const report = await buildReport(ctx, opts.run).catch((err: unknown) => {
            if (err instanceof ReportNotFound) throw new UsageError(`--run ${opts.run}: ${err.message} (see greenlight runs list)`);
            throw err;
          });
          const out = resolve(opts.out);
          const tmp = `${out}.${process.pid}.tmp`;
          try {
            writeFileSync(tmp, report.html);
            renameSync(tmp, out);
          } catch (err) {
            throw new UsageError(`--out ${opts.out}: cannot write (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
          }
          process.stdout.write(`report written to ${out}\n`);
          return 0;
        } finally {
          closeContext(ctx);
        }
      }),
    );
}
