/** Data shapes that cross the renderer/main boundary. */
import { z } from 'zod';
import { DECISIONS } from '../core/gates/types';

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

export const DecisionSchema = z.enum(DECISIONS);
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
  /** The other run of this run's A/A pair (issue 16, runs.aa_partner), when it is half of one. */
  aaPartner: z.string().nullable().optional(),
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

/** Runs (issue 5): the full record of one run, as `runs.get` returns it. */
export const RunProgressSchema = z.object({
  done: z.number(),
  total: z.number().nullable(),
  fraction: z.number().nullable(),
  etaSeconds: z.number().nullable(),
});
export type RunProgress = z.infer<typeof RunProgressSchema>;

export const RunArtefactSchema = z.object({
  kind: z.string(),
  /** Where the eval wrote it (or where it was imported from). */
  path: z.string(),
  sha256: z.string().nullable(),
  /** The copy kept beside the run, so the run stays reviewable when the original moves. */
  copyPath: z.string().nullable(),
});

/** A gate result as stored (SPEC §2.4); extra evidence keys pass through. */
export const RunGateSchema = z.looseObject({
  name: z.string(),
  kind: z.string(),
  status: z.enum(['pass', 'fail', 'skipped', 'anomalous']),
  value: z.number().nullable(),
  threshold: z.number().nullable(),
  direction: z.enum(['min', 'max']).nullable(),
  passed: z.boolean(),
  note: z.string(),
  failure_class: z.string().nullable(),
  /** What the gate saw (intervals, tests, reasons); declared so readers need no type guard. */
  evidence: z.record(z.string(), z.unknown()).optional(),
});

export const GpuSampleSchema = z.object({
  index: z.number(),
  name: z.string().nullable(),
  utilization: z.number().nullable(),
  memoryUsedMiB: z.number().nullable(),
  memoryTotalMiB: z.number().nullable(),
});

export const RunDetailSchema = RunSummarySchema.extend({
  projectPath: z.string(),
  tier: z.string().nullable(),
  gitCommit: z.string().nullable(),
  gitDirty: z.boolean().nullable(),
  command: z.array(z.string()),
  cwd: z.string().nullable(),
  /** The eval's declared environment, secrets redacted. */
  env: z.record(z.string(), z.string()),
  exitCode: z.number().nullable(),
  logPath: z.string().nullable(),
  logBytes: z.number().nullable(),
  runDir: z.string().nullable(),
  hardware: z.string().nullable(),
  gpu: z.string().nullable(),
  timeoutMs: z.number().nullable(),
  progress: RunProgressSchema.nullable(),
  artefacts: z.array(RunArtefactSchema),
  metrics: z.array(z.looseObject({ name: z.string(), value: z.number().nullable() })),
  gates: z.array(RunGateSchema),
  aggregate: z.looseObject({ name: z.string(), value: z.number() }).nullable(),
  /** The draft SCORECARD.md rendered at the end of the run, when the inputs allowed one. */
  scorecard: z.string().nullable(),
  /** Why a run failed, skipped artefacts, the baseline used: plain sentences. */
  notes: z.array(z.string()),
  /** The latest GPU telemetry sample. */
  telemetry: z.object({ at: z.string(), gpus: z.array(GpuSampleSchema) }).nullable(),
});
export type RunDetail = z.infer<typeof RunDetailSchema>;

/** One metric of an A/A pair (core/noise-floor): how far two runs of the same version landed apart. */
export const NoiseRowSchema = z.object({
  metric: z.string(),
  first: z.number(),
  second: z.number(),
  /** second − first, in the metric's scale. */
  difference: z.number(),
  paired_items: z.number().int().nullable(),
  flipped: z.number().int().nullable(),
  interval: z.tuple([z.number(), z.number()]).nullable(),
  /** Half the interval's width, as a fraction of the scale: changes smaller than this are noise. */
  noise_floor: z.number().nullable(),
  method: z.string().nullable(),
  /** The metric's scale: interval and noise_floor are fractions of it. */
  scale: z.number(),
  /** The first items whose outcome differs between the two runs. */
  differing: z.array(z.object({ id: z.string(), first: z.number(), second: z.number() })),
});
export type NoiseRow = z.infer<typeof NoiseRowSchema>;

/** An A/A pair and its noise floor (issue 16), as `runs.noiseFloor` returns it. */
export const NoiseFloorViewSchema = z.object({
  /** True when the run asked about is one of the pair. */
  own: z.boolean(),
  first: RunSummarySchema,
  second: RunSummarySchema,
  /** running: a run of the pair has not ended; failed: one did not succeed, so there is no noise floor. */
  state: z.enum(['running', 'ready', 'failed']),
  rows: z.array(NoiseRowSchema),
});
export type NoiseFloorView = z.infer<typeof NoiseFloorViewSchema>;

/** A pipeline run's stages and their jobs (issue 17), as the console draws them. */
export const PipelineJobStatusSchema = z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled', 'transient', 'interrupted', 'skipped']);
export const PipelineStageStatusSchema = z.enum(['pending', 'running', 'passed', 'failed', 'cancelled', 'interrupted', 'skipped', 'reused']);
export const PipelineJobSchema = z.object({
  index: z.number().int(),
  label: z.string(),
  values: z.record(z.string(), z.string()),
  status: PipelineJobStatusSchema,
  exitCode: z.number().nullable(),
  attempts: z.number().int(),
  slurmJobId: z.string().nullable(),
  slurmState: z.string().nullable(),
  node: z.string().nullable(),
  logPath: z.string(),
  note: z.string().nullable(),
  progress: RunProgressSchema.nullable(),
});
export const PipelineStageSchema = z.object({
  name: z.string(),
  status: PipelineStageStatusSchema,
  decision: DecisionSchema.nullable(),
  failureClass: z.string().nullable(),
  executor: z.string(),
  needs: z.array(z.string()),
  gates: z.array(z.object({ name: z.string(), status: z.string(), note: z.string().nullable().optional() }).loose()),
  notes: z.array(z.string()),
  jobs: z.array(PipelineJobSchema),
});
export const PipelineViewSchema = z.object({ runId: z.string(), stages: z.array(PipelineStageSchema) });
export type PipelineJob = z.infer<typeof PipelineJobSchema>;
export type PipelineStage = z.infer<typeof PipelineStageSchema>;
export type PipelineView = z.infer<typeof PipelineViewSchema>;
