/**
 * Semantic versions (semver.org 2.0) as releases use them: `1.2.3`, `v1.2.3`,
 * `1.2.3-rc.1`. Ordering follows the spec: numeric parts, then a pre-release sorts below its
 * release, identifiers compared numerically when numeric. Build metadata is ignored.
 */
export interface SemVer {
  major: number;
  minor: number;
  patch: number;
  prerelease: string[];
  /** Canonical text without a leading `v` or build metadata. */
  text: string;
}

const NUM = '(0|[1-9]\\d*)';
const PRE = '(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?';
const BUILD = '(?:\\+[0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*)?';
/** The body of a version, for embedding in other patterns (no anchors, no leading v). */
export const SEMVER_SOURCE = `${NUM}\\.${NUM}\\.${NUM}${PRE}${BUILD}`;
const FULL = new RegExp(`^v?${SEMVER_SOURCE}$`);

export function parseSemver(input: string): SemVer | null {
  const m = FULL.exec(input.trim());
  if (!m) return null;
  const [major, minor, patch] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (![major, minor, patch].every(Number.isSafeInteger)) return null;
  const prerelease = m[4] ? m[4].split('.') : [];
  const text = `${major}.${minor}.${patch}${prerelease.length ? `-${prerelease.join('.')}` : ''}`;
  return { major, minor, patch, prerelease, text };
}

/** A version without a leading `v`, or null when it is not semver. */
export function normalizeVersion(input: string): string | null {
  return parseSemver(input)?.text ?? null;
}

function compareIdentifiers(a: string, b: string): number {
  const an = /^\d+$/.test(a);
  const bn = /^\d+$/.test(b);
  if (an && bn) return Math.sign(Number(a) - Number(b));
  if (an) return -1;
  if (bn) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareSemver(a: SemVer, b: SemVer): number {
  for (const k of ['major', 'minor', 'patch'] as const) {
    if (a[k] !== b[k]) return Math.sign(a[k] - b[k]);
  }
  if (a.prerelease.length === 0 || b.prerelease.length === 0) {
    return Math.sign(b.prerelease.length - a.prerelease.length);
  }
  const len = Math.max(a.prerelease.length, b.prerelease.length);
  for (let i = 0; i < len; i++) {
    const x = a.prerelease[i];
    const y = b.prerelease[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const c = compareIdentifiers(x, y);
    if (c !== 0) return c;
  }
  return 0;
}

/** Compare two version strings; throws on non-semver input (callers parse first). */
export function compareVersions(a: string, b: string): number {
  const x = parseSemver(a);
  const y = parseSemver(b);
  if (!x || !y) throw new Error(`not a semantic version: ${x ? b : a}`);
  return compareSemver(x, y);
}
