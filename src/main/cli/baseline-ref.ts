/**
 * `--baseline-ref REF`: the baseline scorecard as committed at REF, read from the first of
 * the policy's `scorecard:` paths that exists there. A ref that does not resolve, or a ref
 * with no card, is an error, never "first release".
 */
import type { Artefact } from '../../core/artefact';
import { UsageError } from '../../core/errors';
import { adaptScorecardText } from '../../core/adapters/scorecard';
import { cardAtCommit } from '../git/releases';
import { resolveCommit } from '../git/repo';

export async function loadBaselineAtRef(ref: string, policy: Record<string, unknown>, cwd = process.cwd()): Promise<Artefact> {
  const raw = policy.scorecard;
  const paths = typeof raw === 'string' ? [raw] : Array.isArray(raw) ? raw.filter((p): p is string => typeof p === 'string') : ['SCORECARD.md'];
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
  return r.value;
}
