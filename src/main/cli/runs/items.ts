/**
 * `greenlight runs items ID [--status pass|fail] [--category C] [--search TEXT] [--json]`:
 * a run's items as the store keeps them (texts are bounded excerpts). JSON is an array of
 * `{id, artefact, passed, score, category, epoch, input, target, output}`, absent fields left
 * out; `artefact` is the file the item came from as the card names it
 * (`{run_dir}/seed-7/eval-report.json`): two artefacts of one run may both have an item "1".
 */
import { InvalidArgumentError, type Command } from 'commander';
import { action } from '../exit';
import { UsageError } from '../../../core/errors';
import type { StoredItem } from '../../../core/items';
import { closeContext, createContext } from '../../context/context';
import { queryItems } from '../../store/run-items';
import { portableText, type LocalPlaces } from '../../../core/project/command';

const JSON_FIELDS = ['passed', 'score', 'category', 'epoch', 'input', 'target', 'output'] as const;

export function itemJson(it: StoredItem, places: LocalPlaces = {}): Record<string, unknown> {
  const out: Record<string, unknown> = { id: it.id, artefact: portableText(it.artefact, places) };
  for (const k of JSON_FIELDS) if (it[k] !== undefined) out[k] = it[k];
  return out;
}

/** One terminal line of text: newlines shown as ⏎, cut to `max` characters. */
function oneLine(s: string | undefined, max: number): string {
  if (s === undefined) return '';
  const t = s.replace(/\r?\n/g, ' ⏎ ');
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

export function registerItems(runs: Command): void {
  runs
    .command('items')
    .description("a run's items (samples, tasks, scenarios): outcome, category, input, target, output")
    .argument('<id>', 'run id')
    .option('--status <status>', 'only passed or only failed items (pass, fail)', (v: string) => {
      if (v !== 'pass' && v !== 'fail') throw new InvalidArgumentError('expected pass or fail');
      return v;
    })
    .option('--category <category>', 'only items of this category')
    .option('--search <text>', 'only items whose id, input, target, output, explanation or error hold each of these words or word starts, any case, any order ("refund" finds "refunds"; a piece inside a word is not found); a text without letters or digits is a plain substring')
    .option('--limit <n>', 'at most this many (default: all with --json, 100 otherwise)', (v: string) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1 || n > 100_000) throw new InvalidArgumentError('expected a whole number 1–100000');
      return n;
    })
    .option('--json', 'print a JSON array')
    .action(
      action((id: string, opts: { status?: 'pass' | 'fail'; category?: string; search?: string; limit?: number; json?: boolean }) => {
        const ctx = createContext({ face: 'cli' });
        try {
          const run = ctx.db.prepare('SELECT r.id, r.run_dir, p.path AS project_dir FROM runs r LEFT JOIN projects p ON p.id = r.project_id WHERE r.id = ?').get(id) as { run_dir: string | null; project_dir: string | null } | undefined;
          if (!run) throw new UsageError(`no run with id ${id} (see greenlight runs list)`);
          const page = queryItems(ctx.db, id, {
            ...(opts.status ? { status: opts.status } : {}),
            ...(opts.category !== undefined ? { category: opts.category } : {}),
            ...(opts.search !== undefined ? { search: opts.search } : {}),
            limit: opts.limit ?? (opts.json ? 100_000 : 100),
          });
          const places: LocalPlaces = { ...(run.run_dir ? { run_dir: run.run_dir } : {}), ...(run.project_dir ? { project_dir: run.project_dir } : {}) };
          if (opts.json) {
            process.stdout.write(`${JSON.stringify(page.items.map((it) => itemJson(it, places)), null, 2)}\n`);
            return 0;
          }
          if (page.total === 0) {
            process.stdout.write(opts.status || opts.category !== undefined || opts.search ? 'no items match\n' : 'this run has no items (its artefacts carry no per-item results)\n');
            return 0;
          }
          // Items of several artefacts: each line says which (two artefacts may both have an item "1").
          const several = new Set(page.items.map((it) => it.artefact)).size > 1;
          for (const it of page.items) {
            const from = several ? `  [${portableText(it.artefact, places).replace(/^\{run_dir\}[\\/]/, '')}]` : '';
            const status = it.passed === undefined ? '-' : it.passed ? 'pass' : 'FAIL';
            const score = it.score === undefined ? '' : ` ${Number(it.score.toFixed(4))}`;
            const epoch = it.epoch !== undefined ? ` #${it.epoch}` : '';
            const text = it.output !== undefined ? `→ ${oneLine(it.output, 50)}` : oneLine(it.input, 60);
            process.stdout.write(`${it.id}${epoch}${from}  ${status}${score}  ${it.category ?? '-'}  ${text}${it.error ? `  error: ${oneLine(it.error, 60)}` : ''}\n`);
          }
          if (page.total > page.items.length) process.stdout.write(`(${page.items.length} of ${page.total}; use --limit for more)\n`);
          return 0;
        } finally {
          closeContext(ctx);
        }
      }),
    );
}
