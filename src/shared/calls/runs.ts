/**
 * Runs (issue 5): start an eval, cancel it, read its log from a byte offset (the catch-up
 * for the `run.log` events, whose offsets show any gap), list a project's evals, import a
 * folder of artefacts, read telemetry. Listing and fetching are `runs.list` / `runs.get`.
 * Live updates arrive as events: `run.status`, `run.log`, `run.progress`, `run.telemetry`.
 */
import { z } from 'zod';
import { call } from './call';
import { GpuSampleSchema, NoiseFloorViewSchema, PipelineViewSchema, RunDetailSchema } from '../schemas';

const runId = z.object({ id: z.string().min(1, 'a run id is required') });

export const EvalInfoSchema = z.object({
  name: z.string(),
  command: z.array(z.string()),
  cwd: z.string().nullable(),
  timeoutMs: z.number().nullable(),
  gpu: z.string().nullable(),
  artefacts: z.array(z.object({ kind: z.string().nullable(), path: z.string() })),
});

export const runsCalls = {
  'runs.start': call(
    z.object({
      projectId: z.string().min(1, 'a project id is required'),
      eval: z.string().min(1).optional(),
      tier: z.string().min(1).optional(),
      /** Run the project's pipeline (issue 17) instead of its evals. */
      pipeline: z.boolean().optional(),
      /** A/A (issue 16): run the named eval twice on this version, as one pair, to measure its noise floor. */
      aa: z.boolean().optional(),
    }),
    z.array(RunDetailSchema),
    true,
  ),
  /** The stages of the project's pipeline in run order, with what each needs; empty when it declares none. */
  'runs.stages': call(z.object({ projectId: z.string().min(1) }), z.array(z.object({ name: z.string(), needs: z.array(z.string()), executor: z.string(), jobs: z.number().int() }))),
  'runs.cancel': call(runId, RunDetailSchema, true),
  'runs.log': call(
    runId.extend({
      /** Byte offset to read from; omit (with `tail`) to read the end of the log. */
      offset: z.number().int().nonnegative().optional(),
      limit: z.number().int().min(1).max(1 << 20).default(256 * 1024),
      /** Read the last `tail` bytes instead of from `offset`. */
      tail: z.number().int().min(1).max(1 << 20).optional(),
    }),
    z.object({ offset: z.number(), text: z.string(), nextOffset: z.number(), size: z.number(), running: z.boolean() }),
  ),
  'runs.telemetry': call(runId, z.array(z.object({ at: z.string(), gpus: z.array(GpuSampleSchema) }))),
  /** A pipeline run's stages, jobs, states, gates and decisions (issue 17); null for a run that is not a pipeline. Live: `pipeline.stage`, `pipeline.job`, `pipeline.log`. */
  'runs.pipeline': call(runId, PipelineViewSchema.nullable()),
  /**
   * The noise floor (issue 16) a run is judged against: its own A/A pair when it is half of one
   * (`own`), else the newest A/A pair of its eval whose two runs succeeded; null when there is none.
   */
  'runs.noiseFloor': call(runId, NoiseFloorViewSchema.nullable()),
  'runs.evals': call(z.object({ projectId: z.string().min(1) }), z.array(EvalInfoSchema)),
  'runs.import': call(
    z.object({
      projectId: z.string().min(1),
      dir: z.string().trim().min(1, 'a folder of artefacts is required'),
      version: z.string().min(1).optional(),
      tier: z.string().min(1).optional(),
    }),
    RunDetailSchema,
    true,
  ),
} as const;
