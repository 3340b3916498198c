/**
 * How gate commands report: JSON to `--output F` and, with `--json`, to stdout; a readable
 * table otherwise; `--format github` adds `::error::` / `::warning::` workflow commands (on
 * stderr when stdout carries JSON).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { stepSummaryMarkdown, writeStepSummary } from './step-summary';
import { UsageError } from '../../core/errors';
import type { GateResult } from '../../core/gates/types';
import { gateStatusLabel } from '../../core/gates/display';
import { fmtDelta, fmtPlain, regressionDelta } from '../../core/format/numbers';

export interface OutputOptions {
  json?: boolean;
  output?: string;
  format?: string;
}

/** `ACCEPT`, or `REJECT (regression)` with the failure class. */
export function decisionText(decision: string, failureClass: string | null | undefined): string {
  return `${decision}${failureClass ? ` (${failureClass})` : ''}`;
}

export function checkFormat(format: string | undefined): void {
  if (format !== undefined && format !== 'github' && format !== 'text') throw new UsageError(`--format ${JSON.stringify(format)}: expected github or text`);
}

/**
 * A table cell: `—` for no value; numbers by the card's and the console's rule (core/format):
 * 4 decimals (0.9045, not 0.9045454545454545), 4 significant digits below 1 so a small cost keeps
 * its digits (0.002244), and a true minus (−0.02273), never an ASCII hyphen.
 */
export function cell(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'number') return Number.isFinite(v) ? fmtPlain(v) : String(v).replace('-', '−');
  return String(v);
}

/** What the table needs of a gate: a fresh GateResult or one read back from the store. */
export interface TableGate {
  name: string;
  kind?: string;
  status: string;
  value: number | null;
  threshold: number | null;
  direction: string | null;
  failure_class: string | null;
  note: string;
  evidence?: unknown;
}

const statusLabel = (g: TableGate): string =>
  gateStatusLabel({ status: g.status, note: g.note, evidence: g.evidence !== null && typeof g.evidence === 'object' ? (g.evidence as Record<string, unknown>) : null });

/** Columns padded to their widest cell (at most 40), the last one left free. */
function alignedTable(head: readonly string[], rows: readonly string[][], indent = ''): string {
  const widths = head.map((h, i) => Math.min(40, Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length))));
  const line = (r: readonly string[]) =>
    r
      .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(head), ...rows.map(line)].map((l) => indent + l).join('\n') + '\n';
}

/**
 * A regression gate as the card writes it: its value as Δ = candidate − baseline (the report's
 * `drop` has the other sign for a higher-is-better metric), `$` on a cost, and the tolerance as
 * the bound on that Δ (`Δ ≥ −0.05`; `Δ ≤ +$0.5` for a cost; `Δ/scale` on a 0–100 score,
 * `Δ/baseline` when relative, as the gate judges them).
 */
function regressionCells(g: TableGate): [string, string] {
  const d = regressionDelta(g);
  if (!d) return [cell(g.value), g.direction ?? ''];
  const what = d.per ? `Δ/${d.per}` : 'Δ';
  const unit = d.per ? undefined : d.metric;
  const tol = typeof g.threshold === 'number' ? g.threshold : null;
  const bound = tol === null ? '' : `${what} ${d.lowerIsBetter ? '≤' : '≥'} ${fmtDelta(d.lowerIsBetter ? tol : -tol, undefined, unit)}`;
  return [`${what} ${fmtDelta(d.delta, undefined, unit)}`, bound];
}

/** A skipped gate shows `—`, never seed 000's placeholder 0 (kept in the JSON), which reads as a measurement. */
export function gatesTable(gates: readonly TableGate[], indent = ''): string {
  const rows = gates.map((g) => {
    const [value, dir] = g.kind === 'regression' && g.status !== 'skipped' ? regressionCells(g) : [cell(g.status === 'skipped' ? null : g.value), g.direction ?? ''];
    return [g.name, statusLabel(g).toUpperCase(), value, cell(g.threshold), dir, g.failure_class ?? '', g.note];
  });
  return alignedTable(['gate', 'status', 'value', 'threshold', 'dir', 'class', 'note'], rows, indent);
}

/** One task of a comparison, as the compare report has it, with its status from the gate. */
export interface TaskTableRow {
  task: string;
  status: string;
  baseline: unknown;
  candidate: unknown;
  drop: number | null;
  drop_fraction: number | null;
  within_threshold: boolean;
  note?: string;
}

const STATUS_ORDER: Record<string, number> = { anomalous: 0, fail: 1 };
const TASK_TABLE_LIMIT = 50;

/**
 * Every task of a comparison, anomalous and regressed ones first (the largest drop first), so a
 * reader sees all that regressed without --json; capped, with how many more the JSON holds.
 * A score that is not a number shows as written ("42", null) rather than as a blank.
 */
export function taskTable(rows: readonly TaskTableRow[], limit = TASK_TABLE_LIMIT): string {
  if (rows.length === 0) return '';
  const sorted = [...rows].sort(
    (a, b) =>
      (STATUS_ORDER[a.status] ?? 2) - (STATUS_ORDER[b.status] ?? 2) ||
      (b.drop_fraction ?? Infinity) - (a.drop_fraction ?? Infinity) ||
      a.task.localeCompare(b.task),
  );
  const score = (v: unknown) => (typeof v === 'number' || v === undefined ? cell(v) : v === null ? 'null' : JSON.stringify(v));
  // The fraction the threshold is judged on, only when it differs from the drop itself (a 0–100 scale, --relative).
  const fraction = rows.some((r) => r.drop !== null && r.drop_fraction !== null && Math.abs(r.drop - r.drop_fraction) > 1e-12);
  // Δ = candidate − baseline, as every Δ Greenlight prints (the report's drop is baseline − candidate).
  const delta = (x: number | null) => (x === null ? '—' : fmtDelta(-x));
  const head = ['task', 'status', 'baseline', 'candidate', 'Δ', ...(fraction ? ['Δ fraction'] : []), 'within threshold', 'note'];
  const shown = sorted.slice(0, limit).map((r) => [
    r.task,
    r.status.toUpperCase(),
    score(r.baseline),
    score(r.candidate),
    delta(r.drop),
    ...(fraction ? [delta(r.drop_fraction)] : []),
    r.within_threshold ? 'yes' : 'no',
    r.status === 'pass' ? '' : (r.note ?? ''),
  ]);
  const more = sorted.length - shown.length;
  return alignedTable(head, shown) + (more > 0 ? `… ${more} more (use --json)\n` : '');
}

/** A workflow command's message ends at a line break: escape it so one message is one annotation. */
export const escapeData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
/** Workflow-command properties (`title=`) also end at `:` and `,`, so a gate named `acc,v2` must escape them. */
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

function githubAnnotations(gates: readonly GateResult[], warnings: readonly string[] = []): string[] {
  const out: string[] = [];
  for (const g of gates) {
    const cls = g.failure_class ? ` [${g.failure_class}]` : '';
    const title = `title=${escapeProperty(`gate ${g.name}`)}`;
    if (g.status === 'fail' || g.status === 'anomalous') out.push(`::error ${title}::${escapeData(`${g.name} ${g.status}${cls}: ${g.note}`)}`);
    else if (g.status === 'skipped') out.push(`::warning ${title}::${escapeData(`${g.name} skipped: ${g.note}`)}`);
    else if (g.evidence.underpowered === true) out.push(`::warning ${title}::${escapeData(`${g.name} passed but is underpowered: ${g.note}`)}`);
  }
  for (const w of warnings) out.push(`::warning title=greenlight::${escapeData(w)}`);
  return out;
}

export async function emit(report: unknown, gates: readonly GateResult[], summary: string, opts: OutputOptions, warnings: readonly string[] = []): Promise<void> {
  const json = JSON.stringify(report, null, 2) + '\n';
  if (opts.output) {
    const path = resolve(process.cwd(), opts.output);
    try {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, json);
    } catch (err) {
      throw new UsageError(`${opts.output}: cannot write the report (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
    }
  }
  if (opts.json) process.stdout.write(json);
  else process.stdout.write(gatesTable(gates) + summary + '\n');
  if (opts.format === 'github') {
    const lines = githubAnnotations(gates, warnings);
    if (lines.length) (opts.json ? process.stderr : process.stdout).write(lines.join('\n') + '\n');
    writeStepSummary(stepSummaryMarkdown(`greenlight ${process.argv[2] ?? 'gate'}`, summary.trim().split('\n').at(-1) ?? '', gates, warnings));
  }
}
