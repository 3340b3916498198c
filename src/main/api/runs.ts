/** Handlers for the run calls: start (an eval, a pipeline, an A/A pair), cancel, log, telemetry, noise floor, evals, import. */
import { UsageError, formatProblem } from '../../core/errors';
import { selectEvals } from '../../core/project/evals';
import { getProject } from '../store/projects';
import { getRunDetail, runTelemetry } from '../store/run-detail';
import { getRunState } from '../store/runs';
import { loadProject, type LoadedProject } from '../project/load';
import { runManager } from '../runner/manager';
import { importFolder } from '../judge/import';
import { readLogRange, tailOffset } from '../runner/log-read';
import '../runner/recovery';
import { pipelineRunner } from '../pipeline/runner';
import { isPipelineRun } from '../store/pipelines';
import { noiseFloorOfRun } from '../judge/noise-floor';
import type { AppContext } from '../context/context';
import { ApiFailure, type Handler } from './service';
import type { RunDetail } from '../../shared/schemas';

/** UsageErrors (bad config, bad input) answer as invalid_input with their problems. */
async function asApi<T>(fn: () => T | Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof UsageError) {
      const message = err.problems.length ? err.problems.map((p) => formatProblem(p)).join('; ') : err.message;
      throw new ApiFailure('invalid_input', message, err.problems);
    }
    throw err;
  }
}

function projectOf(ctx: AppContext, id: string): LoadedProject {
  const row = getProject(ctx.db, id);
  if (!row) throw new ApiFailure('not_found', `no project with id ${id}`);
  return loadProject(row.path);
}

/** The light check (one small query) for calls that need only existence, status or the log path. */
function runStateOf(ctx: AppContext, id: string): { status: RunDetail['status']; logPath: string | null } {
  const run = getRunState(ctx.db, id);
  if (!run) throw new ApiFailure('not_found', `no run with id ${id}`);
  return run;
}

function runOf(ctx: AppContext, id: string): RunDetail {
  const run = getRunDetail(ctx.db, id);
  if (!run) throw new ApiFailure('not_found', `no run with id ${id}`);
  return run;
}

export const runsServices = {
  'runs.start': ((input, ctx) =>
    asApi(async () => {
      const project = projectOf(ctx, input.projectId);
      if (input.pipeline) {
        if (!project.pipeline) throw new UsageError('pipeline', [{ file: project.file, path: 'pipeline', message: 'the project declares no pipeline' }]);
        const s = await pipelineRunner(ctx).start(project, { tier: input.tier });
        return [runOf(ctx, s.id)];
      }
      const chosen = selectEvals(project.evals, input.eval, project.file);
      if (!chosen.ok) throw new UsageError('evals', chosen.problems);
      if (input.aa) {
        // A/A: one eval, twice, as one pair (the same rule as `greenlight run --aa`).
        if (chosen.value.length !== 1) throw new UsageError('aa', [{ file: project.file, path: 'evals', message: `an A/A run compares two runs of one eval; name it (evals: ${project.evals.map((e) => e.name).join(', ')})` }]);
        const ev = chosen.value[0]!;
        const pair = await runManager(ctx).start(project, [ev, ev], { tier: input.tier, aa: true });
        return pair.map((s) => runOf(ctx, s.id));
      }
      const started = await runManager(ctx).start(project, chosen.value, { tier: input.tier });
      return started.map((s) => runOf(ctx, s.id));
    })) satisfies Handler<'runs.start'>,

  'runs.cancel': ((input, ctx) => {
    const run = runStateOf(ctx, input.id);
    if (run.status !== 'queued' && run.status !== 'running') throw new ApiFailure('conflict', `run ${input.id} is ${run.status}; only a queued or running run can be cancelled`);
    if (!runManager(ctx).cancel(input.id) && !pipelineRunner(ctx).cancel(input.id)) {
      throw new ApiFailure('conflict', `run ${input.id} belongs to another Greenlight process; cancel it there`);
    }
    return runOf(ctx, input.id);
  }) satisfies Handler<'runs.cancel'>,

  'runs.stages': ((input, ctx) =>
    asApi(() =>
      (projectOf(ctx, input.projectId).pipeline?.stages ?? []).map((s) => ({ name: s.name, needs: s.needs, executor: s.executor.kind, jobs: s.matrix.reduce((n, [, v]) => n * v.length, 1) })),
    )) satisfies Handler<'runs.stages'>,

  'runs.pipeline': ((input, ctx) => {
    runStateOf(ctx, input.id);
    if (!isPipelineRun(ctx.db, input.id)) return null;
    return pipelineRunner(ctx).view(input.id, null);
  }) satisfies Handler<'runs.pipeline'>,

  'runs.log': ((input, ctx) => {
    const run = runStateOf(ctx, input.id);
    const running = run.status === 'running' || run.status === 'queued';
    if (!run.logPath) return { offset: 0, text: '', nextOffset: 0, size: 0, running };
    const offset = input.tail !== undefined ? tailOffset(run.logPath, input.tail) : (input.offset ?? 0);
    return { ...readLogRange(run.logPath, offset, input.tail ?? input.limit, running), running };
  }) satisfies Handler<'runs.log'>,

  'runs.telemetry': ((input, ctx) => {
    runStateOf(ctx, input.id);
    return runTelemetry(ctx.db, input.id) as Array<{ at: string; gpus: Array<{ index: number; name: string | null; utilization: number | null; memoryUsedMiB: number | null; memoryTotalMiB: number | null }> }>;
  }) satisfies Handler<'runs.telemetry'>,

  'runs.noiseFloor': ((input, ctx) => {
    runStateOf(ctx, input.id);
    return noiseFloorOfRun(ctx.db, input.id);
  }) satisfies Handler<'runs.noiseFloor'>,

  'runs.evals': ((input, ctx) =>
    asApi(() =>
      projectOf(ctx, input.projectId).evals.map((e) => ({
        name: e.name,
        command: e.argv,
        cwd: e.cwd ?? null,
        timeoutMs: e.timeoutMs,
        gpu: e.gpu === 'none' ? null : String(e.gpu),
        artefacts: e.artefacts.map((a) => ({ kind: a.kind ?? null, path: a.path })),
      })),
    )) satisfies Handler<'runs.evals'>,

  'runs.import': ((input, ctx) =>
    asApi(() => importFolder(ctx, input.dir, projectOf(ctx, input.projectId), { version: input.version, tier: input.tier }))) satisfies Handler<'runs.import'>,
};
