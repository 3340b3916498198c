/**
 * What the reference hub accepts, checked before anything is stored: a manifest whose id and
 * version are exactly as they will name folders (no trimming, no case folding, no `v`), and a
 * scorecard that is one — valid front matter, a finite aggregate, and the manifest's version.
 * A junk upload is a 400 with the reason, so the index never loses an agent's `eval_score`.
 */
import { z } from 'zod';
import { readCard } from '../../core/releases/card';

/** Lower-case only: `Agent-A` and `agent-a` would be one folder on a case-insensitive disk. */
export const AGENT_ID = /^[a-z0-9][a-z0-9._-]{0,127}$/;
/** semver.org 2.0, exactly as sent: `X.Y.Z[-pre][+build]`. */
export const HUB_VERSION =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;
/** A version names a folder: well under any file system's 255-byte name limit. */
export const MAX_VERSION_LENGTH = 128;

export const ManifestSchema = z.object({
  id: z
    .string()
    .max(128, 'expected at most 128 characters')
    .regex(AGENT_ID, 'expected a lower-case id: a letter or digit, then letters, digits, . _ -'),
  name: z.string().min(1).max(200),
  version: z
    .string()
    .max(MAX_VERSION_LENGTH, `expected at most ${MAX_VERSION_LENGTH} characters`)
    .regex(HUB_VERSION, 'expected a version X.Y.Z[-pre][+build], exactly (no spaces, no leading v)'),
});
export type Manifest = z.infer<typeof ManifestSchema>;

export function isHubVersion(v: string): boolean {
  return v.length <= MAX_VERSION_LENGTH && HUB_VERSION.test(v);
}

/** The one reason a scorecard upload is refused, or null when the card may be stored. */
export function scorecardProblem(manifest: Manifest, data: Buffer | null): string | null {
  if (!data) return 'missing part "eval_scorecard"';
  const text = data.toString('utf8');
  if (Buffer.byteLength(text) !== data.length || text.includes('\uFFFD')) return 'eval_scorecard: not UTF-8 text';
  const facts = readCard(text);
  if (!facts.ok) return `eval_scorecard: ${facts.problems.map((p) => `${p.path ? `${p.path}: ` : ''}${p.message}`).join('; ')}`;
  const { problems, aggregate, version } = facts.value;
  if (problems.length > 0) return `eval_scorecard: ${problems.slice(0, 3).map((p) => `${p.path ? `${p.path}: ` : ''}${p.message}`).join('; ')}`;
  if (aggregate === null || !Number.isFinite(aggregate)) return 'eval_scorecard: aggregate.value: expected a finite number';
  const bare = manifest.version.replace(/\+.*$/, '');
  if (version !== bare) return `eval_scorecard: agent.version is ${version ?? 'missing'}, but the manifest's version is ${manifest.version}`;
  return null;
}
