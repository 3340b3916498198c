/**
 * The release sections of `greenlight.yaml` (SPEC §2.3): `version` (where the version being
 * released is read), `scorecard` (where the card lives; a list when cards moved between
 * folders), `releases` (tag patterns, watched paths) and `publish` (git remote, hub). Other
 * keys are left to their rooms. Problems carry dotted paths.
 */
import { z } from 'zod';
import { problemsFromZod, type Result } from '../errors';
import { parseSemver } from './semver';
import { patternProblems } from './tag-pattern';

const relPath = z
  .string({ error: 'expected a path inside the project' })
  .min(1, 'expected a path inside the project')
  .refine((p) => !p.startsWith('/') && !/^[a-zA-Z]:[\\/]/.test(p) && !p.split(/[\\/]/).includes('..'), 'expected a relative path inside the project (no leading / and no ..)');

const oneOrMany = <T extends z.ZodType>(item: T) => z.union([item, z.array(item).min(1, 'expected at least one entry')]).transform((v) => (Array.isArray(v) ? v : [v]) as Array<z.output<T>>);

export const VersionSourceSchema = z.union(
  [
    z.object({ from: relPath }).strict(),
    z.object({ file: relPath }).strict(),
    z.object({ value: z.union([z.string(), z.number()]).transform(String).refine((v) => parseSemver(v) !== null, 'expected a semantic version X.Y.Z') }).strict(),
  ],
  { error: 'expected {from: package.json}, {file: VERSION} or {value: X.Y.Z}' },
);
export type VersionSource = z.output<typeof VersionSourceSchema>;

const tagPattern = z.string().superRefine((p, ctx) => {
  for (const message of patternProblems(p)) ctx.addIssue({ code: 'custom', message });
});

export const ReleasesSchema = z
  .object({
    tag_pattern: oneOrMany(tagPattern).default(['v{version}']),
    watch: z.array(relPath, { error: 'expected a list of paths' }).default([]),
  })
  .default({ tag_pattern: ['v{version}'], watch: [] });

export const HubSchema = z.object({
  url: z
    .url({ error: 'expected the hub URL (http or https)' })
    .refine((u) => /^https?:\/\//.test(u), 'expected an http or https URL')
    // A password in the URL would reach the database, the plan and error messages: tokens live in token_env.
    .refine((u) => !/^https?:\/\/[^/?#]*@/.test(u), 'expected a URL without user or password; put the token in the environment variable named by token_env'),
  token_env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected an environment variable name').default('GREENLIGHT_HUB_TOKEN'),
  /** The agent id on the hub; defaults to the project name. */
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/i, 'expected an id of letters, digits, . _ -').optional(),
});

export const PublishSchema = z
  .object({
    git: z.object({ push: z.union([z.string().min(1), z.literal(false)]).default('origin') }).default({ push: 'origin' }),
    hub: HubSchema.optional(),
  })
  .default({ git: { push: 'origin' } });

export const ReleaseConfigSchema = z.looseObject({
  project: z.string().min(1).optional(),
  agent: z.looseObject({ name: z.string().min(1).optional() }).optional(),
  version: VersionSourceSchema.optional(),
  scorecard: oneOrMany(relPath).default(['SCORECARD.md']),
  releases: ReleasesSchema,
  publish: PublishSchema,
});
export type ReleaseConfig = z.output<typeof ReleaseConfigSchema>;

export function parseReleaseConfig(raw: unknown, file?: string): Result<ReleaseConfig> {
  if (raw === null || raw === undefined) raw = {};
  if (typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, problems: [{ file, path: '', message: 'expected a mapping at the top level' }] };
  const r = ReleaseConfigSchema.safeParse(raw);
  if (!r.success) return { ok: false, problems: problemsFromZod(r.error.issues, file) };
  return { ok: true, value: r.data };
}

/** The hub's agent id: configured, else the project name made id-safe. */
export function hubAgentId(cfg: ReleaseConfig, fallbackName: string): string {
  if (cfg.publish.hub?.id) return cfg.publish.hub.id;
  const base = (cfg.project ?? fallbackName).toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
  return base || 'agent';
}
