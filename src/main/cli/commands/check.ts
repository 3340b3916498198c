/**
 * `greenlight check run --summary F` (alias `--run F`) and
 * `greenlight check checkpoint --summary F [--recipe R]`: seed 002's run and quantization
 * gates. Reports `{pass, decision, failure_class, detail, …}`; exit 0 / 1, 2 for unreadable input.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { decide } from '../../../core/decision';
import { checkpointValidityGate } from '../../../core/gates/checkpoint-validity';
import { runValidityGate } from '../../../core/gates/run-validity';
import type { GateResult } from '../../../core/gates/types';
import { UsageError } from '../../../core/errors';
import { action, EXIT_FAIL, EXIT_PASS } from '../exit';
import { checkFormat, decisionText, emit } from '../gate-output';
import { readDataFile } from '../input';

/** The summary file the PTQ export step writes beside the checkpoint (seed 002's `--summary`). */
const CHECKPOINT_SUMMARY = 'validation-summary.json';

/**
 * Seed 002 documented `gate_ptq.py --checkpoint DIR --source S --recipe R` but its script
 * refused to run without `--summary` (its reviewers flagged it). Here the documented call
 * works: without `--summary`, the summary is read from the checkpoint folder.
 */
function checkpointSummaryPath(opts: { summary?: string; checkpoint?: string }): string {
  if (opts.summary) return opts.summary;
  if (!opts.checkpoint) throw new UsageError(`check checkpoint: give --summary <file>, or --checkpoint <dir> holding ${CHECKPOINT_SUMMARY}`);
  const path = join(opts.checkpoint, CHECKPOINT_SUMMARY);
  if (!existsSync(resolve(process.cwd(), path))) {
    throw new UsageError(`${path}: not found (the checkpoint's validation summary); give --summary <file> or write ${CHECKPOINT_SUMMARY} into the checkpoint folder`);
  }
  return path;
}

interface Common {
  json?: boolean;
  output?: string;
  format?: string;
}

/** One gate's report `{pass, decision, failure_class, detail, …extra}`, emitted; the exit code. */
async function report(gate: GateResult, extra: Record<string, unknown>, opts: Common): Promise<number> {
  const d = decide([gate]);
  await emit({ pass: d.overall_passed, decision: d.decision, failure_class: d.failure_class, detail: gate.note, ...extra }, [gate], decisionText(d.decision, d.failure_class), opts);
  return d.overall_passed ? EXIT_PASS : EXIT_FAIL;
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
      return report(gate, { per_task: gate.evidence.per_task ?? {} }, opts);
    }),
  );

  withOutput(
    check
      .command('checkpoint')
      .description('the quantized checkpoint is smaller, covered by its recipe, with no metadata diffs')
      .option('--summary <file>', `ptq summary JSON {source_bytes, output_bytes, recipe, layer_precision_counts, metadata_diffs} (default: <checkpoint>/${CHECKPOINT_SUMMARY})`)
      .option('--recipe <recipe>', 'quantization recipe; overrides the summary’s')
      .option('--checkpoint <dir>', `exported checkpoint folder; its ${CHECKPOINT_SUMMARY} is read when --summary is not given`)
      .option('--source <model>', '(accepted for seed 002 compatibility)'),
  ).action(
    action(async (opts: Common & { summary?: string; checkpoint?: string; recipe?: string }) => {
      checkFormat(opts.format);
      const file = checkpointSummaryPath(opts);
      const summary = await readDataFile(file, 'checkpoint summary');
      const gate = checkpointValidityGate('checkpoint_valid', summary, { recipe: opts.recipe, required: true, file });
      return report(gate, { size_ratio: gate.evidence.size_ratio ?? null, recipe: gate.evidence.recipe ?? null, reasons: gate.evidence.reasons ?? [] }, opts);
    }),
  );
}
