/**
 * Events pushed from main to the renderer: over IPC in the desktop app, over server-sent
 * events in the browser console. Each has a `type`; listeners filter by it.
 */
import { z } from 'zod';
import { DecisionSchema, PipelineJobSchema, PipelineStageStatusSchema, RunStatusSchema } from './schemas';

export const LogEventSchema = z.object({
  type: z.literal('run.log'),
  runId: z.string(),
  /** Byte offset of `text` in the run's log file, so a client can detect gaps. */
  offset: z.number().int().nonnegative(),
  text: z.string(),
});

export const ProgressEventSchema = z.object({
  type: z.literal('run.progress'),
  runId: z.string(),
  done: z.number().nonnegative(),
  total: z.number().positive().nullable(),
  fraction: z.number().min(0).max(1).nullable(),
  etaSeconds: z.number().nonnegative().nullable(),
});

export const StatusEventSchema = z.object({
  type: z.literal('run.status'),
  runId: z.string(),
  status: RunStatusSchema,
});

export const TelemetryEventSchema = z.object({
  type: z.literal('run.telemetry'),
  runId: z.string(),
  at: z.string(),
  gpus: z.array(z.object({ index: z.number(), utilization: z.number().nullable(), memoryUsedMiB: z.number().nullable(), memoryTotalMiB: z.number().nullable() })),
});

export const PublishStepEventSchema = z.object({
  type: z.literal('publish.step'),
  publishId: z.string(),
  /** The run being published: a page listens only to its own run's publish. */
  runId: z.string(),
  step: z.string(),
  status: z.enum(['pending', 'running', 'done', 'failed', 'skipped']),
  message: z.string().optional(),
});

/** A pipeline stage moved (issue 17): its status and, once judged, its decision. */
export const PipelineStageEventSchema = z.object({
  type: z.literal('pipeline.stage'),
  runId: z.string(),
  stage: z.string(),
  status: PipelineStageStatusSchema,
  decision: DecisionSchema.nullable(),
  failureClass: z.string().nullable(),
});

/** One job of a stage changed state (queued, running on a node, ended), or its progress moved. */
export const PipelineJobEventSchema = z.object({
  type: z.literal('pipeline.job'),
  runId: z.string(),
  stage: z.string(),
  job: PipelineJobSchema,
});

/** New bytes of a job's log (local or a Slurm job's output file), with their offset in it. */
export const PipelineLogEventSchema = z.object({
  type: z.literal('pipeline.log'),
  runId: z.string(),
  stage: z.string(),
  index: z.number().int().nonnegative(),
  offset: z.number().int().nonnegative(),
  text: z.string(),
});

export const GreenlightEventSchema = z.discriminatedUnion('type', [
  PipelineStageEventSchema,
  PipelineJobEventSchema,
  PipelineLogEventSchema,
  LogEventSchema,
  ProgressEventSchema,
  StatusEventSchema,
  TelemetryEventSchema,
  PublishStepEventSchema,
]);
export type GreenlightEvent = z.infer<typeof GreenlightEventSchema>;
export type GreenlightEventType = GreenlightEvent['type'];
