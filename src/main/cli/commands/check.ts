/**
 * `greenlight check run --summary F` (alias `--run F`) and
 * `greenlight check checkpoint --summary F [--recipe R]`: seed 002's run and quantization
 * gates. Reports `{pass, decision, failure_class, detail, …}`; exit 0 / 1, 2 for unreadable input.
 */
import type { Command } from 'commander';
import { decide } from '../../../core/decision';
import { checkpointValidityGate } from '../../../core/gates/checkpoint-validity';
import { runValidityGate } from '../../../core/gates/run-validity';
import { UsageError } from '../../../core/errors';
import { action, EXIT_FAIL, EXIT_PASS } from '../exit';
import { checkFormat, emit } from '../gate-output';
import { readDataFile } from '../input';

interface Common {
  json?: boolean;
  output?: string;
  format?: string;
}

export function register(program: Command): void {
  const check = program.command('check').description("validity gates: a run's completeness, a quantized checkpoint (seed 002)");
  const withOutput = (c: Command): Command =>
    c
      .option('--json', 'print the report as JSON')
      .option('--output <file>', 'write the JSON report to a file')
      .option('--format <format>', 'github: add ::error:: / ::warning:: annotations');

  withOutput(
    check
      .command('run')
      .description('every task SUCCESS, no errors, sample counts present and equal, a finite score')
      .option('--summary <file>', 'run summary JSON {tasks:{name:{status, expected_samples, scored_samples, score, errors}}}')
      .option('--run <file>', 'alias of --summary (seed 002)'),
  ).action(
    action(async (opts: Common & { summary?: string; run?: string }) => {
      checkFormat(opts.format);
      if (opts.summary && opts.run && opts.summary !== opts.run) throw new UsageError('give --summary or --run, not both');
      const file = opts.summary ?? opts.run;
      if (!file) throw new UsageError('check run: --summary <file> is required');
      const summary = await readDataFile(file, 'run summary');
      const gate = runValidityGate('run_complete', summary, true);
      const d = decide([gate]);
      const report = {
        pass: d.overall_passed,
        decision: d.decision,
        failure_class: d.failure_class,
        detail: gate.note,
        per_task: gate.evidence.per_task ?? {},
      };
      await emit(report, [gate], `${d.decision}${d.failure_class ? ` (${d.failure_class})` : ''}`, opts);
      return d.overall_passed ? EXIT_PASS : EXIT_FAIL;
    }),
  );

  withOutput(
    check
      .command('checkpoint')
      .description('the quantized checkpoint is smaller, covered by its recipe, with no metadata diffs')
      .requiredOption('--summary <file>', 'ptq summary JSON {source_bytes, output_bytes, recipe, layer_precision_counts, metadata_diffs}')
      .option('--recipe <recipe>', 'quantization recipe; overrides the summary’s')
      .option('--checkpoint <dir>', '(accepted for seed 002 compatibility; the summary is what is checked)')
      .option('--source <model>', '(accepted for seed 002 compatibility)'),
  ).action(
    action(async (opts: Common & { summary: string; recipe?: string }) => {
      checkFormat(opts.format);
      const summary = await readDataFile(opts.summary, 'checkpoint summary');
      const gate = checkpointValidityGate('checkpoint_valid', summary, { recipe: opts.recipe, required: true });
      const d = decide([gate]);
      const report = {
        pass: d.overall_passed,
        decision: d.decision,
        failure_class: d.failure_class,
        detail: gate.note,
        size_ratio: gate.evidence.size_ratio ?? null,
        recipe: gate.evidence.recipe ?? null,
        reasons: gate.evidence.reasons ?? [],
      };
      await emit(report, [gate], `${d.decision}${d.failure_class ? ` (${d.failure_class})` : ''}`, opts);
      return d.overall_passed ? EXIT_PASS : EXIT_FAIL;
    }),
  );
}
