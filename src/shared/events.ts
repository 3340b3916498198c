/**
 * Events pushed from main to the renderer: over IPC in the desktop app, over server-sent
 * events in the browser console. Each has a `type`; listeners filter by it.
 */
import { z } from 'zod';
import { RunStatusSchema } from './schemas';

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

export const GreenlightEventSchema = z.discriminatedUnion('type', [
  LogEventSchema,
  ProgressEventSchema,
  StatusEventSchema,
  TelemetryEventSchema,
  PublishStepEventSchema,
]);
export type GreenlightEvent = z.infer<typeof GreenlightEventSchema>;
export type GreenlightEventType = GreenlightEvent['type'];
