/**
 * `greenlight compare --baseline F --candidate F [--threshold X] [--relative] [--scales S]`:
 * seed 002's compare gate. Report `{pass, decision, failure_class, detail, per_task}`.
 * Unreadable files are exit 2; what they contain is judged (exit 1 with a class).
 */
import type { Command } from 'commander';
import { isRecord } from '../../../core/adapters/common';
import { decide } from '../../../core/decision';
import { metricsFromTaskScores, regressionGate, type RegressionSettings } from '../../../core/gates/regression';
import { gateResult, type GateResult } from '../../../core/gates/types';
import { DEFAULT_COMPARABILITY_KEYS, REGRESSION_MODES, type RegressionMode } from '../../../core/project/gates';
import { UsageError } from '../../../core/errors';
import { action, EXIT_FAIL, EXIT_PASS } from '../exit';
import { checkFormat, emit, taskTable } from '../gate-output';
import { parseNonNegative, readDataFile, readInlineOrFile } from '../input';

interface CompareOptions {
  baseline: string;
  candidate: string;
  threshold?: string;
  relative?: boolean;
  scales?: string;
  mode?: string;
  alpha?: string;
  json?: boolean;
  output?: string;
  format?: string;
}


/** `{task: score}`, or `{scores: {…}, scales: {…}}` as the task-scores artefact allows. */
function unwrap(raw: unknown): { scores: unknown; scales?: unknown } {
  if (isRecord(raw) && isRecord(raw.scores)) return { scores: raw.scores, scales: raw.scales };
  return { scores: raw };
}

export function register(program: Command): void {
  program
    .command('compare')
    .description("compare candidate task scores against a baseline (seed 002's compare gate)")
    .requiredOption('--baseline <file>', 'baseline {task: score} JSON')
    .requiredOption('--candidate <file>', 'candidate {task: score} JSON')
    .option('--threshold <x>', 'largest allowed drop, a fraction of the scale (default 0.01)')
    .option('--relative', 'drop as a fraction of the baseline score: (b − c) / b')
    .option('--scales <s>', 'per-task maximum score {task: max}, inline JSON or a file')
    .option('--mode <mode>', `regression mode: ${REGRESSION_MODES.join(' | ')} (default tolerance)`)
    .option('--alpha <a>', 'for noninferiority / significance (default 0.05)')
    .option('--json', 'print the report as JSON')
    .option('--output <file>', 'write the JSON report to a file')
    .option('--format <format>', 'github: add ::error:: / ::warning:: annotations')
    .action(action(compareCommand));
}

async function compareCommand(opts: CompareOptions): Promise<number> {
  checkFormat(opts.format);
  const threshold = parseNonNegative(opts.threshold, '--threshold', 0.01);
  const alpha = parseNonNegative(opts.alpha, '--alpha', 0.05);
  if (!(alpha > 0 && alpha <= 0.5)) throw new UsageError(`--alpha ${opts.alpha}: expected a number in (0, 0.5]`);
  const mode = (opts.mode ?? 'tolerance') as RegressionMode;
  if (!REGRESSION_MODES.includes(mode)) throw new UsageError(`--mode ${JSON.stringify(opts.mode)}: expected ${REGRESSION_MODES.join(', ')}`);
  const [bRaw, cRaw] = await Promise.all([readDataFile(opts.baseline, 'baseline scores'), readDataFile(opts.candidate, 'candidate scores')]);
  const scalesFlag = opts.scales !== undefined ? await readInlineOrFile(opts.scales, '--scales') : undefined;
  const b = unwrap(bRaw);
  const c = unwrap(cRaw);
  const settings: RegressionSettings = {
    name: 'compare',
    required: true,
    mode,
    tolerance: threshold,
    relative: opts.relative === true,
    alpha,
    scales: scalesFlag ?? b.scales,
    comparability: { keys: DEFAULT_COMPARABILITY_KEYS, allow: false },
    bootstrap: { resamples: 2000, seed: 1 },
  };

  const bm = metricsFromTaskScores(b.scores);
  const cm = metricsFromTaskScores(c.scores);
  let gate: GateResult;
  if (!bm.ok || !cm.ok) {
    const why = !bm.ok ? `baseline ${opts.baseline}: ${bm.why}` : `candidate ${opts.candidate}: ${(cm as { why: string }).why}`;
    gate = gateResult({ name: 'compare', kind: 'regression', status: 'anomalous', value: null, threshold, direction: 'max', note: why, failure_class: 'USER_CONFIG_ERROR' });
  } else {
    gate = regressionGate('compare', settings, 'default', { metrics: cm.metrics, label: opts.candidate }, { metrics: bm.metrics, label: opts.baseline });
  }
  const d = decide([gate]);
  const rows = (gate.evidence.per_task ?? {}) as Record<string, Record<string, unknown>>;
  const raw = (m: unknown, task: string): unknown => (isRecord(m) ? m[task] : undefined);
  const per_task: Record<string, Record<string, unknown>> = {};
  for (const [task, r] of Object.entries(rows)) {
    per_task[task] = {
      baseline: r.baseline ?? raw(b.scores, task) ?? null,
      candidate: r.candidate ?? raw(c.scores, task) ?? null,
      drop: r.drop,
      drop_fraction: r.drop_fraction,
      scale: r.scale,
      within_threshold: r.within_threshold,
      ...(r.note ? { note: r.note } : {}),
      ...(r.interval ? { interval: r.interval } : {}),
    };
  }
  const count = Object.keys(per_task).length;
  const detail = d.decision === 'ACCEPT' ? `ACCEPT: ${count} task${count === 1 ? '' : 's'} within ${threshold}${settings.relative ? ' (relative)' : ''}${gate.note ? `; ${gate.note}` : ''}` : `${d.decision}: ${gate.note}`;
  const report = {
    pass: d.overall_passed,
    decision: d.decision,
    failure_class: d.failure_class,
    detail,
    threshold,
    relative: settings.relative,
    mode,
    per_task,
  };
  // The readable output lists every task (the gate's note names at most five), regressed first.
  const tasks = taskTable(
    Object.entries(per_task).map(([task, r]) => ({
      task,
      status: String(rows[task]?.status ?? 'anomalous'),
      baseline: r.baseline,
      candidate: r.candidate,
      drop: typeof r.drop === 'number' ? r.drop : null,
      drop_fraction: typeof r.drop_fraction === 'number' ? r.drop_fraction : null,
      within_threshold: r.within_threshold === true,
      ...(typeof r.note === 'string' ? { note: r.note } : {}),
    })),
  );
  await emit(report, [gate], tasks ? `\n${tasks}\n${detail}` : detail, opts);
  return d.overall_passed ? EXIT_PASS : EXIT_FAIL;
}
