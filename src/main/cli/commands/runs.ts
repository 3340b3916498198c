/** `greenlight runs list [--project DIR] [--status S] [--json]`, `greenlight runs show ID [--json]` and `runs items ID` (in ../runs/items.ts). */
import { InvalidArgumentError, type Command } from 'commander';
import { action } from '../exit';
import { UsageError } from '../../../core/errors';
import { closeContext, createContext } from '../../context/context';
import '../../runner/recovery';
import { listRuns } from '../../store/runs';
import { getRunDetail } from '../../store/run-detail';
import { getProjectByPath } from '../../store/projects';
import { RunStatusSchema, DecisionSchema } from '../../../shared/schemas';
import { projectDir } from '../runs/project-arg';
import { runListJson, runShowJson } from '../runs/json';
import { cell, decisionText, gatesTable } from '../gate-output';
import { registerItems } from '../runs/items';

export function register(program: Command): void {
  const runs = program.command('runs').description('the runs kept in the store');
  runs
    .command('list')
    .description('list runs, newest first')
    .option('--project <dir>', 'only this project (a folder, or a known project name)')
    .option('--status <status>', `only runs with this status (${RunStatusSchema.options.join(', ')})`, oneOf(RunStatusSchema.options))
    .option('--decision <decision>', `only runs with this decision (${DecisionSchema.options.join(', ')})`, oneOf(DecisionSchema.options))
    .option('--version <version>', 'only runs of this version')
    .option('--limit <n>', 'at most this many (default 100)', positive)
    .option('--offset <n>', 'skip this many', nonNegative)
    .option('--json', 'print a JSON array')
    .action(
      action((opts: { project?: string; status?: string; decision?: string; version?: string; limit?: number; offset?: number; json?: boolean }) => {
        const ctx = createContext({ face: 'cli' });
        try {
          let projectId: string | undefined;
          if (opts.project !== undefined) {
            const dir = projectDir(ctx, opts.project);
            projectId = getProjectByPath(ctx.db, dir)?.id ?? '-none-';
          }
          const page = listRuns(ctx.db, {
            projectId,
            status: opts.status as never,
            decision: opts.decision as never,
            version: opts.version,
            limit: opts.limit ?? 100,
            offset: opts.offset ?? 0,
          });
          if (opts.json) {
            process.stdout.write(`${JSON.stringify(page.runs.map(runListJson), null, 2)}\n`);
            return 0;
          }
          if (page.runs.length === 0) process.stdout.write('no runs\n');
          for (const r of page.runs) {
            process.stdout.write(`${r.id}  ${r.project}  ${r.eval ?? '(import)'}  ${r.version ?? '-'}  ${r.status}  ${r.decision ?? '-'}  ${r.startedAt ?? '-'}\n`);
          }
          if (page.total > page.runs.length) process.stdout.write(`(${page.runs.length} of ${page.total}; use --limit/--offset for more)\n`);
          return 0;
        } finally {
          closeContext(ctx);
        }
      }),
    );
  runs
    .command('show')
    .description('show one run: status, decision, gates, metrics, artefacts, log path')
    .argument('<id>', 'run id')
    .option('--json', 'print a JSON object')
    .action(
      action((id: string, opts: { json?: boolean }) => {
        const ctx = createContext({ face: 'cli' });
        try {
          const r = getRunDetail(ctx.db, id);
          if (!r) throw new UsageError(`no run with id ${id} (see greenlight runs list)`);
          if (opts.json) {
            process.stdout.write(`${JSON.stringify(runShowJson(r), null, 2)}\n`);
            return 0;
          }
          const lines = [
            `run ${r.id}`,
            `  project   ${r.project} (${r.projectPath})`,
            `  eval      ${r.eval ?? '(import)'}`,
            `  version   ${r.version ?? '-'}${r.gitCommit ? `  commit ${r.gitCommit.slice(0, 12)}${r.gitDirty ? ' (dirty)' : ''}` : ''}`,
            `  status    ${r.status}${r.exitCode !== null ? ` (exit ${r.exitCode})` : ''}`,
            `  decision  ${decisionText(r.decision ?? '-', r.failureClass)}${r.tier ? `  tier ${r.tier}` : ''}`,
            `  started   ${r.startedAt ?? '-'}   ended ${r.endedAt ?? '-'}`,
            `  command   ${JSON.stringify(r.command)}`,
            `  hardware  ${r.hardware ?? '-'}`,
            `  log       ${r.logPath ?? '-'}`,
            `  run dir   ${r.runDir ?? '-'}`,
            ...(r.aggregate ? [`  aggregate ${r.aggregate.name} = ${cell(r.aggregate.value)}`] : []),
            // The same table as `greenlight gate`: aligned, 4 decimals, "pass (underpowered)".
            ...(r.gates.length ? ['  gates', gatesTable(r.gates, '    ').trimEnd()] : []),
            ...(r.metrics.length ? ['  metrics', ...r.metrics.map((m) => `    ${m.name} = ${m.value === null ? 'invalid' : cell(m.value)}`)] : []),
            ...(r.artefacts.length ? ['  artefacts', ...r.artefacts.map((a) => `    ${a.kind}  ${a.path}  ${a.sha256?.slice(0, 12) ?? ''}`)] : []),
            ...(r.notes.length ? ['  notes', ...r.notes.map((n) => `    ${n}`)] : []),
          ];
          process.stdout.write(`${lines.join('\n')}\n`);
          return 0;
        } finally {
          closeContext(ctx);
        }
      }),
    );
  registerItems(runs);
}

function oneOf(values: readonly string[]) {
  return (v: string): string => {
    if (!values.includes(v)) throw new InvalidArgumentError(`expected one of ${values.join(', ')}`);
    return v;
  };
}
function positive(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new InvalidArgumentError('expected a whole number 1–1000');
  return n;
}
function nonNegative(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number ≥ 0');
  return n;
}
