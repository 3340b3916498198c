/** `greenlight releases` and `greenlight diff A B`: the release history from git, and a diff. */
import type { Command } from 'commander';
import { action, EXIT_PASS } from '../exit';
import { UsageError } from '../../../core/errors';
import { diffSides, formatDiff } from '../../../core/diff';
import { closeContext, createContext } from '../../context/context';
import { listReleases, releaseRow } from '../../git/releases';
import { isRepository } from '../../git/repo';
import { loadReleaseConfig } from '../../project/release-settings';
import { projectAt } from '../../project/registered';
import { resolveSide } from '../../compare/sides';

export function register(program: Command): void {
  program
    .command('releases')
    .description('list the releases (tags matching releases.tag_pattern), oldest first, with their scorecards')
    .option('--project <dir>', 'the project folder (default: the current folder)')
    .option('--json', 'print a JSON array')
    .action(
      action(async (opts: { project?: string; json?: boolean }) => {
        const ctx = createContext({ face: 'cli' });
        try {
          const project = projectAt(ctx.db, opts.project);
          if (!(await isRepository(project.path))) throw new UsageError(`${project.path}: not a git repository`);
          const cfg = loadReleaseConfig(project.path);
          const releases = await listReleases(project.path, cfg);
          const rows = releases.map(releaseRow);
          if (opts.json) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
          else if (rows.length === 0) process.stdout.write(`no releases: no tag matches ${cfg.releases.tag_pattern.join(' or ')} (the next publish is a first release)\n`);
          else {
            // A header names the columns (the aggregate and the card's state were bare values).
            process.stdout.write('version\ttag\tcommit\taggregate\tcard\n');
            for (const r of rows) process.stdout.write(`${r.version}\t${r.tag}\t${r.commit.slice(0, 12)}\t${r.aggregate ?? '—'}\t${r.problems.length ? r.problems.join('; ') : 'ok'}\n`);
          }
          return EXIT_PASS;
        } finally {
          closeContext(ctx);
        }
      }),
    );

  program
    .command('diff')
    .description('compare two scorecards or runs (each a file, run id, release version or git ref), metric by metric')
    .argument('<baseline>', 'the earlier side')
    .argument('<candidate>', 'the later side')
    .option('--project <dir>', 'the project folder for refs and releases (default: the current folder)')
    .option('--json', 'print the diff as JSON')
    .action(
      action(async (a: string, b: string, opts: { project?: string; json?: boolean }) => {
        const ctx = createContext({ face: 'cli' });
        try {
          const project = projectAt(ctx.db, opts.project);
          const config = loadReleaseConfig(project.path);
          const base = await resolveSide(a, { db: ctx.db, projectDir: project.path, config });
          const cand = await resolveSide(b, { db: ctx.db, projectDir: project.path, config });
          const diff = diffSides(base, cand);
          process.stdout.write(opts.json ? `${JSON.stringify(diff, null, 2)}\n` : `${formatDiff(diff).join('\n')}\n`);
          return EXIT_PASS;
        } finally {
          closeContext(ctx);
        }
      }),
    );
}
