/**
 * `--baseline-ref REF`: the baseline scorecard as committed at REF, read from the first of
 * the policy's `scorecard:` paths that exists there. A ref that does not resolve, or a ref
 * with no card, is an error, never "first release".
 */
import type { Artefact } from '../../core/artefact';
import { UsageError } from '../../core/errors';
import { adaptScorecardText } from '../../core/adapters/scorecard';
import { versionOfTag } from '../../core/releases';
import { parseReleaseConfig } from '../../core/project/releases';
import { cardAtCommit, normalizedCardVersion } from '../git/releases';
import { resolveCommit } from '../git/repo';

export async function loadBaselineAtRef(ref: string, policy: Record<string, unknown>, cwd = process.cwd()): Promise<Artefact> {
  const cfg = parseReleaseConfig(policy);
  if (!cfg.ok) throw new UsageError('--baseline-ref: invalid release settings in the policy', cfg.problems);
  const paths = cfg.value.scorecard;
  let commit: string;
  try {
    commit = await resolveCommit(cwd, ref);
  } catch (err) {
    throw new UsageError(`--baseline-ref ${ref}: does not resolve (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`);
  }
  const found = await cardAtCommit(cwd, commit, paths);
  if (!found) throw new UsageError(`--baseline-ref ${ref}: no scorecard at ${paths.join(' or ')}`);
  const r = adaptScorecardText(found.text, { file: `${ref}:${found.path}` });
  if (!r.ok) throw new UsageError(`--baseline-ref ${ref}: unreadable scorecard`, r.problems);
  // A release tag whose card is of another version is a stale card copied forward (seed 001's
  // project shipped one for several releases): reported, never silently used (SPEC §2.8).
  const tagged = versionOfTag(ref, cfg.value.releases.tag_pattern);
  const cardVersion = normalizedCardVersion(typeof r.value.metadata.version === 'string' ? r.value.metadata.version : null);
  if (tagged && cardVersion !== null && cardVersion !== tagged.version) {
    throw new UsageError(`--baseline-ref ${ref}: the card at ${found.path} is version ${cardVersion}, not ${tagged.version} (a stale card copied forward?); refusing to use it as the baseline`);
  }
  return r.value;
}
