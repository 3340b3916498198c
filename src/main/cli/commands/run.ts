/** `greenlight run [--project DIR] [--eval NAME] [--tier T] [--json]`: run evals here, exit code from the decision. */
import type { Command } from 'commander';
import { action, EXIT_USAGE } from '../exit';
import { UsageError } from '../../../core/errors';
import { selectEvals } from '../../../core/project/evals';
import { closeContext, createContext } from '../../context/context';
import '../../runner/recovery';
import { loadProject } from '../../project/load';
import { runManager } from '../../runner/manager';
import { projectDir, warnProject } from '../runs/project-arg';
import { progressView } from '../runs/progress-view';
import { runExitCode, runLine, runShowJson } from '../runs/json';
import type { RunDetail } from '../../../shared/schemas';
import { getRunDetail } from '../../store/run-detail';
import { loadReleaseConfig } from '../../project/release-settings';
import { releasedMessage, releaseTagOf } from '../../git/released';
import { pipelineRunner } from '../../pipeline/runner';
import { pipelineJson, pipelineProgress } from '../runs/pipeline-view';
import { reportNoiseFloor } from '../runs/noise-floor';

export function register(program: Command): void {
  program
    .command('run')
    .description("run the project's evals on this machine and apply its gates (exit 0 accept, 1 a gate failed or the run failed, 2 bad input)")
    .option('--project <dir>', 'project folder holding greenlight.yaml (default: here)')
    .option('--eval <name>', 'run only this eval (default: every eval)')
    .option('--tier <tier>', 'gate tier (default: the policy default)')
    .option('--aa', 'A/A: run the eval twice on the same version and report, item by item, how far two identical candidates land apart (the noise floor)')
    .option('--json', 'print the run as JSON (an array when several evals ran; a pipeline run with its stages)')
    .option('--pipeline', 'run the pipeline (the default when the project declares a pipeline and no evals)')
    .option('--resume', "pipeline: continue the project's last pipeline run, skipping stages that passed with the same command and inputs")
    .action(
      action(async (opts: { project?: string; eval?: string; tier?: string; aa?: boolean; json?: boolean; resume?: boolean; pipeline?: boolean }) => {
        // Read and check the config before opening the store: bad config stores nothing.
        const dir = projectDir(null, opts.project);
        const project = loadProject(dir);
        warnProject(project);
        if (opts.pipeline && !project.pipeline) throw new UsageError('--pipeline', [{ file: project.file, path: 'pipeline', message: 'the project declares no pipeline' }]);
        if (opts.pipeline && opts.eval !== undefined) throw new UsageError('--pipeline', [{ path: '--eval', message: '--pipeline runs every stage; --eval runs one eval: choose one' }]);
        if (project.pipeline && (opts.pipeline || (project.evals.length === 0 && opts.eval === undefined))) return runPipeline(project, opts);
        if (opts.resume) throw new UsageError('--resume', [{ path: '--resume', message: '--resume continues a pipeline; this project declares none (or --eval picks one eval)' }]);
        const chosen = selectEvals(project.evals, opts.eval, project.file);
        if (!chosen.ok) throw new UsageError('evals', chosen.problems);
        if (opts.aa && chosen.value.length !== 1) {
          throw new UsageError('--aa', [{ file: project.file, path: 'evals', message: `--aa compares two runs of one eval; name it with --eval (evals: ${project.evals.map((e) => e.name).join(', ')})` }]);
        }
        // A/A: the same eval twice, stored as one pair (its noise floor is shown in the console and on later cards).
        const evals = opts.aa ? [chosen.value[0]!, chosen.value[0]!] : chosen.value;
        const ctx = createContext({ face: 'cli' });
        const manager = runManager(ctx);
        let started: Array<{ id: string; done: Promise<RunDetail> }> = [];
        const onSignal = (): void => {
          for (const s of started) manager.cancel(s.id);
        };
        process.on('SIGINT', onSignal);
        process.on('SIGTERM', onSignal);
        try {
          const views = new Map<string, ReturnType<typeof progressView>>();
          const unsubscribe = ctx.events.subscribe((e) => {
            if ('runId' in e) views.get(e.runId)?.onEvent(e);
          });
          started = await manager.start(project, evals, { tier: opts.tier, aa: opts.aa === true });
          await sayIfReleased(project.dir, started[0]?.id, ctx);
          evals.forEach((ev, i) => {
            const s = started[i];
            if (s) views.set(s.id, progressView(process.stderr, opts.aa ? `${ev.name} (A/A ${i + 1} of 2)` : ev.name));
          });
          const results = [];
          for (const s of started) {
            const r = await s.done;
            views.get(s.id)?.done();
            results.push(r);
            process.stderr.write(`greenlight: ${runLine(r)}\n`);
            for (const n of r.notes) process.stderr.write(`greenlight:   ${n}\n`);
          }
          unsubscribe();
          if (opts.aa) return reportNoiseFloor(results, opts.json === true);
          if (opts.json) {
            const out = results.map(runShowJson);
            process.stdout.write(`${JSON.stringify(out.length === 1 ? out[0] : out, null, 2)}\n`);
          }
          return results.reduce((code, r) => Math.max(code, runExitCode(r)), 0);
        } catch (err) {
          if (err instanceof UsageError) throw err;
          process.stderr.write(`greenlight: ${err instanceof Error ? err.message : String(err)}\n`);
          return EXIT_USAGE;
        } finally {
          process.off('SIGINT', onSignal);
          process.off('SIGTERM', onSignal);
          closeContext(ctx);
        }
      }),
    );
}

/** A run of a version that is already released says so as it starts, not at publish time. */
async function sayIfReleased(dir: string, runId: string | undefined, ctx: ReturnType<typeof createContext>): Promise<void> {
  const version = runId ? getRunDetail(ctx.db, runId)?.version : null;
  if (!version) return;
  try {
    const cfg = loadReleaseConfig(dir);
    const tag = await releaseTagOf(dir, cfg, version);
    if (tag) process.stderr.write(`greenlight: ${releasedMessage(version, tag, cfg)}\n`);
  } catch {
    // No release settings or no git: nothing is released, nothing to say.
  }
}

async function runPipeline(project: ReturnType<typeof loadProject>, opts: { tier?: string; json?: boolean; resume?: boolean }): Promise<number> {
  const ctx = createContext({ face: 'cli' });
  const runner = pipelineRunner(ctx);
  let id: string | null = null;
  const onSignal = (): void => {
    if (id) runner.cancel(id);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const unsubscribe = ctx.events.subscribe(pipelineProgress(process.stderr));
    const started = await runner.start(project, { tier: opts.tier, resume: opts.resume });
    id = started.id;
    const r = await started.done;
    unsubscribe();
    const view = runner.view(r.id, project);
    process.stderr.write(`greenlight: ${runLine(r)}\n`);
    for (const n of r.notes) process.stderr.write(`greenlight:   ${n}\n`);
    if (opts.json) process.stdout.write(`${JSON.stringify({ ...runShowJson(r), stages: pipelineJson(view) }, null, 2)}\n`);
    return runExitCode(r);
  } catch (err) {
    if (err instanceof UsageError) throw err;
    process.stderr.write(`greenlight: ${err instanceof Error ? err.message : String(err)}\n`);
    return EXIT_USAGE;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    closeContext(ctx);
  }
}
