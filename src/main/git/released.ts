/**
 * "0.3.0 is released": said when a run of a version that already has a release tag starts,
 * and by the publish plan among its refusals, so nobody learns it only at the last step.
 */
import { listReleases } from './releases';
import { isRepository } from './repo';
import type { ReleaseConfig } from '../../core/project/releases';

export function releasedMessage(version: string, tag: string, cfg: ReleaseConfig): string {
  const where = cfg.version && 'from' in cfg.version ? cfg.version.from : cfg.version && 'file' in cfg.version ? cfg.version.file : 'the project version';
  return `${version} is already released (tag ${tag}): this run is gated and compared, but publishing needs a new version — bump ${where}`;
}

/**
 * The release tag of `version`, when it has one. With `card`, a tag whose card is exactly
 * this card does not count: that is this very release, published again (idempotent resume).
 */
export async function releaseTagOf(dir: string, cfg: ReleaseConfig, version: string, card?: string): Promise<string | null> {
  if (!(await isRepository(dir))) return null;
  const r = (await listReleases(dir, cfg)).find((x) => x.version === version);
  if (!r) return null;
  if (card !== undefined && r.card?.text === card) return null;
  return r.tag;
}
