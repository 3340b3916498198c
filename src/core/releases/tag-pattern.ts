/**
 * Release tags from the project's `releases.tag_pattern` (one pattern or a list). In a
 * pattern `{version}` matches a semantic version with or without a leading `v`, so
 * `agent-pkg-email-{version}` finds both `agent-pkg-email-v0.5.0` and `agent-pkg-email-0.6.0`.
 * New tags are written exactly as the first pattern spells them.
 */
import { SEMVER_SOURCE, compareSemver, parseSemver } from './semver';

const PLACEHOLDER = '{version}';

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Problems with a pattern (exactly one `{version}`, no git-forbidden characters), or []. */
export function patternProblems(pattern: string): string[] {
  const out: string[] = [];
  const count = pattern.split(PLACEHOLDER).length - 1;
  if (count !== 1) out.push(`expected exactly one {version} in "${pattern}"`);
  if (/[\s~^:?*[\\]|\.\.|@\{/.test(pattern.replace(PLACEHOLDER, ''))) out.push(`"${pattern}" has characters git does not allow in a tag`);
  return out;
}

export function compilePattern(pattern: string): RegExp {
  const [before = '', after = ''] = pattern.split(PLACEHOLDER);
  return new RegExp(`^${escapeRegex(before)}v?(${SEMVER_SOURCE})${escapeRegex(after)}$`);
}

/** The version a tag carries under any of the patterns (first match wins), or null. */
export function versionOfTag(tag: string, patterns: readonly string[]): { version: string; pattern: number } | null {
  for (let i = 0; i < patterns.length; i++) {
    const m = compilePattern(patterns[i] as string).exec(tag);
    const v = m?.[1] ? parseSemver(m[1]) : null;
    if (v) return { version: v.text, pattern: i };
  }
  return null;
}

/** The tag for a new release, spelled as the first pattern spells it. */
export function tagForVersion(version: string, patterns: readonly string[]): string {
  const first = patterns[0];
  if (first === undefined) throw new Error('no tag pattern');
  return first.replace(PLACEHOLDER, version);
}

export interface TaggedVersion {
  tag: string;
  version: string;
}

/**
 * Tags that are releases, oldest version first. When two tags carry the same version
 * (`v1.0.0` and `1.0.0`), the one matching the earliest pattern is kept and the other named
 * in `duplicates`, so nothing is silently dropped.
 */
export function releaseTags(tags: readonly string[], patterns: readonly string[]): { releases: TaggedVersion[]; duplicates: Map<string, string[]> } {
  const best = new Map<string, { tag: string; pattern: number }>();
  const duplicates = new Map<string, string[]>();
  for (const tag of [...tags].sort()) {
    const hit = versionOfTag(tag, patterns);
    if (!hit) continue;
    const prev = best.get(hit.version);
    if (!prev) {
      best.set(hit.version, { tag, pattern: hit.pattern });
      continue;
    }
    const [keep, drop] = hit.pattern < prev.pattern ? [{ tag, pattern: hit.pattern }, prev.tag] : [prev, tag];
    best.set(hit.version, keep);
    duplicates.set(hit.version, [...(duplicates.get(hit.version) ?? []), drop]);
  }
  const releases = [...best.entries()].map(([version, { tag }]) => ({ tag, version }));
  releases.sort((a, b) => compareSemver(parseSemver(a.version)!, parseSemver(b.version)!));
  return { releases, duplicates };
}

/** The highest release strictly below the candidate version, or null (a first release). */
export function previousRelease<T extends { version: string }>(releases: readonly T[], candidate: string): T | null {
  const c = parseSemver(candidate);
  if (!c) return null;
  let best: T | null = null;
  for (const r of releases) {
    const v = parseSemver(r.version);
    if (!v || compareSemver(v, c) >= 0) continue;
    if (!best || compareSemver(v, parseSemver(best.version)!) > 0) best = r;
  }
  return best;
}
