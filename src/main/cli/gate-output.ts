/**
 * How gate commands report: JSON to `--output F` and, with `--json`, to stdout; a readable
 * table otherwise; `--format github` adds `::error::` / `::warning::` workflow commands (on
 * stderr when stdout carries JSON).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { UsageError } from '../../core/errors';
import type { GateResult } from '../../core/gates/types';
import { gateStatusLabel } from '../../core/gates/display';

export interface OutputOptions {
  json?: boolean;
  output?: string;
  format?: string;
}

export function checkFormat(format: string | undefined): void {
  if (format !== undefined && format !== 'github' && format !== 'text') throw new UsageError(`--format ${JSON.stringify(format)}: expected github or text`);
}

function cell(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Number(v.toFixed(4)));
  return String(v);
}

export function gatesTable(gates: readonly GateResult[]): string {
  const rows = gates.map((g) => [g.name, gateStatusLabel(g).toUpperCase(), cell(g.value), cell(g.threshold), g.direction ?? '', g.failure_class ?? '', g.note]);
  const head = ['gate', 'status', 'value', 'threshold', 'dir', 'class', 'note'];
  const widths = head.map((h, i) => Math.min(40, Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length))));
  const line = (r: string[]) =>
    r
      .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(head), ...rows.map(line)].join('\n') + '\n';
}

const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
/** Workflow-command properties (`title=`) also end at `:` and `,`, so a gate named `acc,v2` must escape them. */
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function githubAnnotations(gates: readonly GateResult[], warnings: readonly string[] = []): string[] {
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
  }
}
