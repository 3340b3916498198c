/**
 * The reference hub's files: `agents/<id>/<version>/{SCORECARD.md, manifest.json, artifact}`
 * and `index.json`. A version is staged in a private folder and renamed into place in one
 * step, and the index is written to a temp file and renamed, so a crash mid-upload never
 * leaves a half-written version or index.
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { writeFileAtomic } from '../fs/atomic';
import { join } from 'node:path';
import { readCard } from '../../core/releases/card';
import { compareVersions, normalizeVersion } from '../../core/releases/semver';
import { AGENT_ID, isHubVersion, type Manifest } from './validate';

export { AGENT_ID, type Manifest };

export interface StoredManifest extends Manifest {
  sha256: string;
  published_at: string;
  artifact_name: string | null;
}

export interface IndexEntry {
  id: string;
  name: string;
  latest_version: string;
  versions: string[];
  published_at: string;
  eval_score?: number;
  eval_scorecard_url?: string;
}

function contentHash(m: Manifest, scorecard: Buffer | null, artifact: Buffer | null): string {
  const h = createHash('sha256');
  h.update(JSON.stringify({ id: m.id, name: m.name, version: m.version }));
  for (const part of [scorecard, artifact]) {
    h.update(part ? `\u0000${part.length}\u0000` : '\u0000-\u0000');
    if (part) h.update(part);
  }
  return h.digest('hex');
}

export class HubStore {
  private built: { agents: IndexEntry[] } | null = null;

  constructor(
    readonly dir: string,
    private readonly publicUrl: () => string,
  ) {
    mkdirSync(join(dir, 'agents'), { recursive: true });
    // Staging left by a crash is garbage: nothing was renamed into place.
    rmSync(join(dir, '.staging'), { recursive: true, force: true });
  }

  versionDir(id: string, version: string): string {
    return join(this.dir, 'agents', id, version);
  }

  readManifest(id: string, version: string): StoredManifest | null {
    const file = join(this.versionDir(id, version), 'manifest.json');
    if (!existsSync(file)) return null;
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as StoredManifest;
    } catch {
      return null;
    }
  }

  /** Store a version; 'unchanged' when identical content is already there, 'conflict' when different. */
  publish(m: Manifest, scorecard: Buffer | null, artifact: { name: string | null; data: Buffer } | null): 'created' | 'unchanged' | 'conflict' | { sameAs: string } {
    const sha256 = contentHash(m, scorecard, artifact?.data ?? null);
    const existing = this.readManifest(m.id, m.version);
    if (existing) return existing.sha256 === sha256 ? 'unchanged' : 'conflict';
    // 1.0.0+a and 1.0.0+b have one precedence: a second one would be a second 1.0.0.
    const sameAs = this.versionsOf(m.id).find((v) => normalizeVersion(v) === normalizeVersion(m.version));
    if (sameAs !== undefined) return { sameAs };
    const staging = join(this.dir, '.staging', randomUUID());
    mkdirSync(staging, { recursive: true });
    try {
      if (scorecard) writeFileSync(join(staging, 'SCORECARD.md'), scorecard);
      if (artifact) writeFileSync(join(staging, 'artifact'), artifact.data);
      const stored: StoredManifest = { ...m, sha256, published_at: new Date().toISOString(), artifact_name: artifact?.name ?? null };
      writeFileSync(join(staging, 'manifest.json'), `${JSON.stringify(stored, null, 2)}\n`);
      mkdirSync(join(this.dir, 'agents', m.id), { recursive: true });
      renameSync(staging, this.versionDir(m.id, m.version));
    } catch (err) {
      rmSync(staging, { recursive: true, force: true });
      const again = this.readManifest(m.id, m.version);
      if (again) return again.sha256 === sha256 ? 'unchanged' : 'conflict';
      throw err;
    }
    this.rebuildIndex();
    return 'created';
  }

  /** The versions stored for an agent: folders named exactly as a hub version, with a manifest. */
  versionsOf(id: string): string[] {
    const dir = join(this.dir, 'agents', id);
    if (!AGENT_ID.test(id) || !existsSync(dir)) return [];
    return readdirSync(dir).filter((v) => isHubVersion(v) && this.readManifest(id, v) !== null);
  }

  scorecardFile(id: string, version: string): string | null {
    if (!AGENT_ID.test(id) || !isHubVersion(version)) return null;
    const file = join(this.versionDir(id, version), 'SCORECARD.md');
    return existsSync(file) ? file : null;
  }

  buildIndex(): { agents: IndexEntry[] } {
    const agents: IndexEntry[] = [];
    const root = join(this.dir, 'agents');
    for (const id of readdirSync(root).sort()) {
      if (!AGENT_ID.test(id)) continue;
      const manifests = new Map<string, StoredManifest>();
      // Only folders named exactly as a version count: `1.0.0 ` left by an older hub is not one.
      for (const v of this.versionsOf(id)) {
        const m = this.readManifest(id, v);
        if (m) manifests.set(v, m);
      }
      const versions = [...manifests.keys()].sort(compareVersions);
      const latest = versions[versions.length - 1];
      const manifest = latest === undefined ? undefined : manifests.get(latest);
      if (latest === undefined || !manifest) continue;
      const entry: IndexEntry = { id, name: manifest.name, latest_version: latest, versions, published_at: manifest.published_at };
      const card = this.scorecardFile(id, latest);
      if (card) {
        const facts = readCard(readFileSync(card, 'utf8'));
        if (facts.ok && facts.value.aggregate !== null) entry.eval_score = facts.value.aggregate;
        entry.eval_scorecard_url = `${this.publicUrl()}/agents/${encodeURIComponent(id)}/${encodeURIComponent(latest)}/SCORECARD.md`;
      }
      agents.push(entry);
    }
    return { agents };
  }

  /** Rebuild index.json (on start and after each new version) and keep it for index(). */
  rebuildIndex(): { agents: IndexEntry[] } {
    this.built = this.buildIndex();
    writeFileAtomic(join(this.dir, 'index.json'), `${JSON.stringify(this.built, null, 2)}\n`);
    return this.built;
  }

  /** The index as last rebuilt (publishing answers from it instead of scanning the folders again). */
  index(): { agents: IndexEntry[] } {
    return this.built ?? this.rebuildIndex();
  }

  indexText(): string {
    const file = join(this.dir, 'index.json');
    if (!existsSync(file)) this.rebuildIndex();
    return readFileSync(file, 'utf8');
  }
}
