/**
 * The whole `greenlight.yaml` (SPEC §2.3), composed from its sections, one module each:
 * project, agent, version, scorecard, releases, publish (the release settings), evals, and
 * tiers, gates, aggregate (the gate policy), executor and pipeline (issue 17). A later section adds its module and its shape
 * here. Keys no section knows are kept (and warned about by the loader), never an error.
 */
import { z } from 'zod';
import type { Result } from '../errors';
import { locatedProblems, type Locator } from './locate';
import { EvalsShape } from './evals';
import { GatesPolicyShape, refineGatesPolicy, withDefaultTier } from './gates';
import { ReleaseSettingsShape } from './releases';
import { PipelineShape } from './pipeline';

/** Every section, in the order problems are reported: what runs, what is gated, what is released. */
export const ProjectFileShape = { ...EvalsShape, ...GatesPolicyShape, ...ReleaseSettingsShape, ...PipelineShape };

export const ProjectFileSchema = z.looseObject(ProjectFileShape).superRefine(refineGatesPolicy).transform(withDefaultTier);
export type ProjectFile = z.output<typeof ProjectFileSchema>;

/** The top-level keys some section reads. */
export const PROJECT_FILE_KEYS: readonly string[] = Object.keys(ProjectFileShape);

/** A parsed `greenlight.yaml` document → the typed project file, or every problem with its path. */
export function parseProjectFile(raw: unknown, file?: string, where?: Locator): Result<ProjectFile> {
  if (raw === null || raw === undefined) raw = {};
  if (typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, problems: [{ file, path: '', message: 'expected a mapping at the top level' }] };
  const r = ProjectFileSchema.safeParse(raw);
  if (!r.success) return { ok: false, problems: locatedProblems(r.error.issues, file, where, raw) };
  return { ok: true, value: r.data };
}
