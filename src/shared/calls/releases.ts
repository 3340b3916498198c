/** Releases, diffs and publishing (issue 6): what the console's release views call. */
import { z } from 'zod';
import { call } from './call';
import { DiffResultSchema } from '../../core/diff/schema';
import { CardChangesSchema } from '../../core/diff/card-changes';

export const ReleaseEntrySchema = z.object({
  version: z.string(),
  tag: z.string(),
  commit: z.string(),
  scorecard_path: z.string().nullable(),
  card_version: z.string().nullable(),
  aggregate: z.number().nullable(),
  problems: z.array(z.string()),
});
export type ReleaseEntry = z.infer<typeof ReleaseEntrySchema>;

const StepStatusSchema = z.enum(['pending', 'running', 'done', 'failed', 'skipped']);
export const PublishStepSchema = z.object({
  step: z.enum(['write', 'commit', 'upload', 'tag', 'push']),
  status: StepStatusSchema,
  message: z.string().nullable(),
  attempts: z.number().int(),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
});

export const PublishStatusSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  runId: z.string().nullable(),
  version: z.string(),
  tag: z.string(),
  status: z.enum(['running', 'failed', 'published']),
  overrideReason: z.string().nullable(),
  releaseCommit: z.string().nullable(),
  scorecardUrl: z.string().nullable(),
  steps: z.array(PublishStepSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PublishStatus = z.infer<typeof PublishStatusSchema>;

export const PublishPlanSchema = z.object({
  projectId: z.string(),
  runId: z.string(),
  version: z.string(),
  tag: z.string(),
  scorecardPath: z.string(),
  decision: z.string().nullable(),
  failureClass: z.string().nullable(),
  overrideReason: z.string().nullable(),
  /** Why publishing is refused; empty when it may go ahead. */
  problems: z.array(z.string()),
  warnings: z.array(z.string()),
  checks: z.array(z.object({ name: z.string(), ok: z.boolean(), message: z.string() })),
  previous: z.object({ version: z.string(), tag: z.string(), problems: z.array(z.string()) }).nullable(),
  diff: DiffResultSchema.nullable(),
  card: z.string(),
  /** Line diff of the card against the file in the repository (`+`/`-`/` ` lines); null when identical. */
  cardDiff: z.string().nullable(),
  /** The previous release's card against this one, aligned by metric and gate name, with what is carried over or dropped; null for a first release. */
  cardChanges: CardChangesSchema.nullable(),
  /** Step names in order, and each step's plan with its recorded status. */
  steps: z.array(z.enum(['write', 'commit', 'upload', 'tag', 'push'])),
  stepPlan: z.array(z.object({ step: z.string(), status: StepStatusSchema, description: z.string() })),
  git: z.object({ branch: z.string().nullable(), tag: z.string(), push: z.string().nullable() }),
  hub: z.object({ url: z.string(), id: z.string(), tokenEnv: z.string() }).nullable(),
  /** Whether the user approved sending $tokenEnv to the hub's origin; `problem` when no token may go there at all. */
  hubTrust: z.object({ origin: z.string(), tokenEnv: z.string(), approved: z.boolean(), problem: z.string().nullable(), command: z.string() }).nullable(),
  alreadyPublished: z.boolean(),
});
export type PublishPlanView = z.infer<typeof PublishPlanSchema>;

const projectInput = { projectId: z.string().min(1, 'a project id is required') };
/** The project, or a run (its project is the run's); at least one. */
const publishInput = z.object({
  projectId: z.string().min(1).optional(),
  runId: z.string().min(1).optional(),
  overrideReason: z.string().trim().min(1, 'a written reason is required').max(2000).optional(),
}).refine((v) => v.projectId !== undefined || v.runId !== undefined, { message: 'a projectId or a runId is required' });

export const PublishResultSchema = z.object({
  result: z.enum(['published', 'nothing-to-do', 'refused', 'failed']),
  /** done: published, or nothing left to do. */
  status: z.enum(['done', 'refused', 'failed']),
  message: z.string(),
  error: z.string().nullable(),
  publishId: z.string().nullable(),
  tag: z.string().nullable(),
  url: z.string().nullable(),
  steps: z.array(z.object({ step: z.string(), status: StepStatusSchema, message: z.string().nullable() })),
  publish: PublishStatusSchema.nullable(),
});

export const releasesCalls = {
  'releases.list': call(z.object(projectInput), z.object({ releases: z.array(ReleaseEntrySchema), tagPatterns: z.array(z.string()) })),
  /** Each side: a run id, a release version or tag, or a git ref. Candidate defaults to the latest run, baseline to the previous release. */
  'releases.diff': call(z.object({ ...projectInput, baseline: z.string().min(1).optional(), candidate: z.string().min(1).optional() }), DiffResultSchema),
  'publish.plan': call(publishInput, PublishPlanSchema),
  /** A run against the previous release (default) or another run. */
  'diff.run': call(z.object({ runId: z.string().min(1), againstRunId: z.string().min(1).optional() }), DiffResultSchema),
  'publish.run': call(publishInput, PublishResultSchema, true),
  'publish.status': call(z.object({ ...projectInput, publishId: z.string().min(1).optional() }), PublishStatusSchema.nullable()),
  /**
   * Approve sending $tokenEnv to the hub's origin, as the dialog showed them: both must be
   * what the project's greenlight.yaml names now, so a changed file is never approved unseen.
   */
  'publish.hub.trust': call(z.object({ ...projectInput, origin: z.string().min(1), tokenEnv: z.string().min(1) }), z.object({ origin: z.string(), tokenEnv: z.string() }), true),
  /** Desktop app: keep the hub token in the OS keychain. The token is never returned. */
  'publish.token.set': call(z.object({ ...projectInput, token: z.string().trim().min(8, 'expected a token') }), z.object({ stored: z.boolean(), reason: z.string().nullable() }), true),
} as const;
