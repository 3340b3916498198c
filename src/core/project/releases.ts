/**
 * The `releases` section of `greenlight.yaml` (SPEC §2.3): the tag patterns that name a
 * release and the paths whose change makes a card stale. With `project`, `agent`, `version`,
 * `scorecard` and `publish` it forms the release settings that `greenlight releases` and
 * `publish` read. Other keys are left to their sections. Problems carry dotted paths.
 */
import { z } from 'zod';
import type { Result } from '../errors';
import { locatedProblems, type Locator } from './locate';
import { patternProblems } from '../releases/tag-pattern';
import { oneOrMany, relPath } from './fields';
import { ProjectShape } from './project';
import { AgentShape } from './agent';
import { VersionShape } from './version';
import { ScorecardShape } from './scorecard';
import { PublishShape } from './publish';

const tagPattern = z.string().superRefine((p, ctx) => {
  for (const message of patternProblems(p)) ctx.addIssue({ code: 'custom', message });
});

export const ReleasesSchema = z
  .object({
    tag_pattern: oneOrMany(tagPattern).default(['v{version}']),
    watch: z.array(relPath, { error: 'expected a list of paths' }).default([]),
  })
  .default({ tag_pattern: ['v{version}'], watch: [] });

export const ReleasesShape = { releases: ReleasesSchema };

/** The sections a release reads: who, which version, where the card is, tags, where it goes. */
export const ReleaseSettingsShape = { ...ProjectShape, ...AgentShape, ...VersionShape, ...ScorecardShape, ...ReleasesShape, ...PublishShape };

export const ReleaseConfigSchema = z.looseObject(ReleaseSettingsShape);
export type ReleaseConfig = z.output<typeof ReleaseConfigSchema>;

export function parseReleaseConfig(raw: unknown, file?: string, where?: Locator): Result<ReleaseConfig> {
  if (raw === null || raw === undefined) raw = {};
  if (typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, problems: [{ file, path: '', message: 'expected a mapping at the top level' }] };
  const r = ReleaseConfigSchema.safeParse(raw);
  if (!r.success) return { ok: false, problems: locatedProblems(r.error.issues, file, where, raw) };
  return { ok: true, value: r.data };
}

/** The hub's agent id: configured, else the project name made id-safe. */
export function hubAgentId(cfg: ReleaseConfig, fallbackName: string): string {
  if (cfg.publish.hub?.id) return cfg.publish.hub.id;
  const base = (cfg.project ?? fallbackName).toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
  return base || 'agent';
}
