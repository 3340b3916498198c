/**
 * Release checks (SPEC §2.4): the card's version is the version being released; the card is
 * fresh (no watched path changed since the commit it was measured on); the card is comparable
 * with the previous release's. Each returns a problem line or null, never throws.
 */
import { comparabilityIssues, describeIssues } from '../gates/comparability';
import { DEFAULT_COMPARABILITY_KEYS } from '../project/gates';
import { normalizeVersion } from './semver';

export interface ReleaseCheck {
  name: 'version' | 'freshness' | 'comparability';
  ok: boolean;
  message: string;
}

export function versionCheck(cardVersion: string | null, releaseVersion: string): ReleaseCheck {
  const card = cardVersion === null ? null : (normalizeVersion(cardVersion) ?? cardVersion);
  const release = normalizeVersion(releaseVersion) ?? releaseVersion;
  if (card === null) return { name: 'version', ok: false, message: 'the card has no agent.version' };
  if (card !== release) return { name: 'version', ok: false, message: `card version ${card} ≠ release ${release}` };
  return { name: 'version', ok: true, message: `card version ${card} = release ${release}` };
}

function normalizeDir(p: string): string {
  return p.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '');
}

/** Changed paths that fall under a watched path (a file, or a folder and everything below). */
export function watchedChanges(changed: readonly string[], watch: readonly string[]): string[] {
  const dirs = watch.map(normalizeDir).filter((w) => w !== '');
  const everything = watch.some((w) => normalizeDir(w) === '' || normalizeDir(w) === '.');
  return changed.filter((c) => {
    const f = normalizeDir(c);
    return everything || dirs.some((d) => f === d || f.startsWith(`${d}/`));
  });
}

export function freshnessCheck(measuredAt: string | null, changed: readonly string[] | null, watch: readonly string[]): ReleaseCheck {
  if (watch.length === 0) return { name: 'freshness', ok: true, message: 'no watched paths configured' };
  if (!measuredAt || changed === null) {
    return { name: 'freshness', ok: false, message: 'stale: the commit the card was measured on is unknown, so freshness cannot be shown' };
  }
  const hits = watchedChanges(changed, watch);
  if (hits.length === 0) return { name: 'freshness', ok: true, message: `no watched path changed since ${measuredAt.slice(0, 12)}` };
  const shown = hits.slice(0, 5).join(', ') + (hits.length > 5 ? ` and ${hits.length - 5} more` : '');
  return { name: 'freshness', ok: false, message: `stale: ${shown} changed since the card was measured at ${measuredAt.slice(0, 12)}` };
}

export function comparabilityCheck(
  baseline: Record<string, unknown> | null,
  candidate: Record<string, unknown>,
  keys: readonly string[] = DEFAULT_COMPARABILITY_KEYS,
): ReleaseCheck {
  if (!baseline) return { name: 'comparability', ok: true, message: 'first release: nothing to compare with' };
  const issues = comparabilityIssues(baseline, candidate, keys);
  if (issues.length === 0) return { name: 'comparability', ok: true, message: 'comparable with the previous release' };
  return { name: 'comparability', ok: false, message: `not comparable: ${describeIssues(issues)}` };
}
