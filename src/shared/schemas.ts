/** Data shapes that cross the renderer/main boundary. */
import { z } from 'zod';

export const AppInfoSchema = z.object({
  name: z.literal('Greenlight'),
  version: z.string(),
  dataDir: z.string(),
  electron: z.boolean(),
  /** 'desktop' inside Electron, 'browser' for the loopback console. */
  face: z.enum(['desktop', 'browser']),
  platform: z.string(),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

export const DecisionSchema = z.enum(['ACCEPT', 'REGRESSION', 'ANOMALOUS', 'INFEASIBLE']);
export type DecisionName = z.infer<typeof DecisionSchema>;

export const RunStatusSchema = z.enum([
  'queued',
  'running',
  'succeeded',
  'failed',
  'cancelled',
  'timed_out',
  'interrupted',
  'imported',
]);
export type RunStatus = z.infer<typeof RunStatusSchema>;

export const ProjectSchema = z.object({
  id: z.string(),
  name: z.string(),
  path: z.string(),
  /** True for the bundled example project added on first start. */
  example: z.boolean(),
  addedAt: z.string(),
  lastOpenedAt: z.string().nullable(),
  /** Problem with the project's greenlight.yaml, if any (shown inline, never thrown). */
  configError: z.string().nullable(),
  latestRun: z
    .object({ id: z.string(), status: RunStatusSchema, decision: DecisionSchema.nullable(), version: z.string().nullable() })
    .nullable(),
});
export type Project = z.infer<typeof ProjectSchema>;

export const RunSummarySchema = z.object({
  id: z.string(),
  projectId: z.string(),
  project: z.string(),
  eval: z.string().nullable(),
  version: z.string().nullable(),
  status: RunStatusSchema,
  decision: DecisionSchema.nullable(),
  failureClass: z.string().nullable(),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
});
export type RunSummary = z.infer<typeof RunSummarySchema>;

export const RunListQuerySchema = z.object({
  projectId: z.string().optional(),
  status: RunStatusSchema.optional(),
  version: z.string().optional(),
  decision: DecisionSchema.optional(),
  search: z.string().optional(),
  limit: z.number().int().min(1).max(1000).default(100),
  offset: z.number().int().min(0).default(0),
});
export type RunListQuery = z.input<typeof RunListQuerySchema>;

export const RunListPageSchema = z.object({
  total: z.number().int(),
  runs: z.array(RunSummarySchema),
});
export type RunListPage = z.infer<typeof RunListPageSchema>;
