/**
 * Releases from git (SPEC §2.8): tags matching the project's pattern(s), ordered by semantic
 * version, each with the scorecard found at the first existing `scorecard:` path and what is
 * wrong with it (no card, a card of another version — a stale card copied forward — or a
 * card that does not parse). Never silently used: problems travel with each release.
 */
import { readCard, releaseTags, previousRelease, type CardFacts } from '../../core/releases';
import type { ReleaseConfig } from '../../core/project/releases';
import { normalizeVersion } from '../../core/releases/semver';
import { fileAtRef, listTags } from './repo';

export interface Release {
  version: string;
  tag: string;
  commit: string;
  annotated: boolean;
  scorecard_path: string | null;
  card_version: string | null;
  aggregate: number | null;
  problems: string[];
  /** The card's text and facts, when one was found and read. */
  card: { text: string; facts: CardFacts | null } | null;
}

/** A release as listed (the CLI's `releases --json` and the console's list): without the card. */
export function releaseRow(r: Release): Omit<Release, 'annotated' | 'card'> {
  const { version, tag, commit, scorecard_path, card_version, aggregate, problems } = r;
  return { version, tag, commit, scorecard_path, card_version, aggregate, problems };
}

/** A card's version as releases compare it: normalised (`v1.2` → `1.2.0`) when it parses, else as written. */
export function normalizedCardVersion(version: string | null | undefined): string | null {
  return version ? (normalizeVersion(version) ?? version) : null;
}

export async function cardAtCommit(dir: string, commit: string, paths: readonly string[]): Promise<{ path: string; text: string } | null> {
  for (const path of paths) {
    const text = await fileAtRef(dir, commit, path);
    if (text !== null) return { path, text };
  }
  return null;
}

async function readRelease(dir: string, cfg: ReleaseConfig, t: { tag: string; version: string; commit: string; annotated: boolean }, duplicates: string[]): Promise<Release> {
  const problems: string[] = duplicates.map((d) => `also tagged ${d}`);
  const found = await cardAtCommit(dir, t.commit, cfg.scorecard);
  let facts: CardFacts | null = null;
  if (!found) problems.push('no scorecard');
  else {
    const r = readCard(found.text, `${t.tag}:${found.path}`);
    if (r.ok) {
      facts = r.value;
      if (facts.problems.length > 0) problems.push(`invalid scorecard: ${facts.problems.slice(0, 3).map((p) => `${p.path ? `${p.path}: ` : ''}${p.message}`).join('; ')}`);
    }
    else problems.push(`unreadable scorecard: ${r.problems.map((p) => `${p.path ? `${p.path}: ` : ''}${p.message}`).join('; ')}`);
  }
  const cardVersion = normalizedCardVersion(facts?.version);
  if (facts && cardVersion !== null && cardVersion !== t.version) problems.push(`card version ${cardVersion} ≠ release ${t.version}`);
  if (facts && facts.aggregate === null) problems.push('card has no finite aggregate');
  return {
    version: t.version,
    tag: t.tag,
    commit: t.commit,
    annotated: t.annotated,
    scorecard_path: found?.path ?? null,
    card_version: cardVersion,
    aggregate: facts?.aggregate ?? null,
    problems,
    card: found ? { text: found.text, facts } : null,
  };
}

interface ReleaseRef {
  tag: string;
  version: string;
  commit: string;
  annotated: boolean;
  duplicates: string[];
}

/** The release tags, oldest first, from the tag names alone (no card is read). */
async function releaseRefs(dir: string, cfg: ReleaseConfig): Promise<ReleaseRef[]> {
  const tags = await listTags(dir);
  const byTag = new Map(tags.map((t) => [t.tag, t]));
  const { releases, duplicates } = releaseTags(tags.map((t) => t.tag), cfg.releases.tag_pattern);
  const out: ReleaseRef[] = [];
  for (const r of releases) {
    const ref = byTag.get(r.tag);
    if (ref) out.push({ ...r, commit: ref.commit, annotated: ref.annotated, duplicates: duplicates.get(r.version) ?? [] });
  }
  return out;
}

/** Every release, oldest first, with its card and problems (the history for trends). */
export async function listReleases(dir: string, cfg: ReleaseConfig): Promise<Release[]> {
  const out: Release[] = [];
  for (const r of await releaseRefs(dir, cfg)) out.push(await readRelease(dir, cfg, r, r.duplicates));
  return out;
}

export type Baseline =
  | { kind: 'first-release'; candidate: string }
  | { kind: 'release'; release: Release };

/**
 * The previous release for a candidate version: the highest release below it, chosen from the
 * tag names; only its card is read. No release below the candidate is an explicit first release.
 */
export async function findBaseline(dir: string, cfg: ReleaseConfig, candidate: string): Promise<Baseline> {
  const prev = previousRelease(await releaseRefs(dir, cfg), candidate);
  return prev ? { kind: 'release', release: await readRelease(dir, cfg, prev, prev.duplicates) } : { kind: 'first-release', candidate };
}
