/** `greenlight import DIR [--project P] [--version V] [--tier T] [--json]`: a folder of artefacts becomes an imported run. */
import type { Command } from 'commander';
import { action } from '../exit';
import { closeContext, createContext } from '../../context/context';
import '../../runner/recovery';
import { loadProject } from '../../project/load';
import { importFolder } from '../../judge/import';
import { projectDir, warnProject } from '../runs/project-arg';
import { runExitCode, runLine, runShowJson } from '../runs/json';

export function register(program: Command): void {
  program
    .command('import')
    .description('import a folder of eval artefacts (run elsewhere) as a run, with metrics, gates and a draft scorecard')
    .argument('<dir>', 'folder of artefacts')
    .option('--project <p>', 'project folder holding greenlight.yaml, or a known project name (default: here)')
    .option('--version <v>', 'version the artefacts measure (default: the project version)')
    .option('--tier <tier>', 'gate tier (default: the policy default)')
    .option('--json', 'print the run as JSON')
    .action(
      action(async (dir: string, opts: { project?: string; version?: string; tier?: string; json?: boolean }) => {
        const ctx = createContext({ face: 'cli' });
        try {
          const project = loadProject(projectDir(ctx, opts.project));
          warnProject(project);
          const run = await importFolder(ctx, dir, project, { version: opts.version, tier: opts.tier });
          process.stderr.write(`greenlight: ${runLine(run)}\n`);
          if (opts.json) process.stdout.write(`${JSON.stringify(runShowJson(run), null, 2)}\n`);
          else process.stdout.write(`${run.id}\n`);
          return runExitCode(run);
        } finally {
          closeContext(ctx);
        }
      }),
    );
}
