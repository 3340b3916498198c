/**
 * What a diff compares: each side named by a scorecard file, a run id, a release version or
 * a git ref. A name that is none of these is a usage error, never an empty side.
 */
import { existsSync, statSync } from 'node:fs';
import { readTextOrUsageSync } from '../fs/read-file';
import { escapesRoots } from '../artefacts/confine';
import { isAbsolute, resolve } from 'node:path';
import { UsageError } from '../../core/errors';
import { readCard, normalizeVersion, type CardMetric, type CardGate } from '../../core/releases';
import type { ReleaseConfig } from '../../core/project/releases';
import { sideFromCard, type DiffSide } from '../../core/diff';
import { listReleases, cardAtCommit, type Release } from '../git/releases';
import { isRepository, tryResolveCommit } from '../git/repo';
import type { Db } from '../store/db';
import { itemOutcomes } from '../store/run-items';

function sideFromText(text: string, label: string): DiffSide {
  const r = readCard(text, label);
  if (!r.ok) throw new UsageError(`${label}: not a readable scorecard`, r.problems);
  return sideFromCard(r.value, label);
}

function sideFromRun(db: Db, id: string): DiffSide | null {
  const run = db.prepare('SELECT id, version, scorecard FROM runs WHERE id = ?').get(id) as { id: string; version: string | null; scorecard: string | null } | undefined;
  if (!run) return null;
  const label = `run ${run.id}`;
  const items = itemOutcomes(db, run.id);
  const withItems = (side: DiffSide): DiffSide => (items.size > 0 ? { ...side, items } : side);
  if (run.scorecard) return withItems(sideFromText(run.scorecard, label));
  const metrics = (db.prepare('SELECT json FROM metrics WHERE run_id = ? ORDER BY id').all(id) as Array<{ json: string }>).flatMap((m): CardMetric[] => {
    const o = JSON.parse(m.json) as { name: string; value: number | null; n?: number; successes?: number; stderr?: number; ci95?: [number, number]; higherIsBetter?: boolean; scale?: number; breakdown?: CardMetric['breakdown'] };
    return typeof o.value === 'number' && Number.isFinite(o.value) ? [{ name: o.name, value: o.value, n: o.n, successes: o.successes, stderr: o.stderr, ci95: o.ci95, higherIsBetter: o.higherIsBetter, scale: o.scale, breakdown: o.breakdown }] : [];
  });
  const gates = (db.prepare('SELECT name, status FROM gate_results WHERE run_id = ? ORDER BY id').all(id) as CardGate[]);
  return withItems({
    label,
    version: run.version,
    aggregate: null,
    metrics,
    breakdown: metrics.flatMap((m) => (m.breakdown ?? []).map((b) => ({ metric: m.name, ...b }))),
    gates,
    context: {},
  });
}

/** A release's side, from the card read with it. */
export function sideFromRelease(release: Release, config: ReleaseConfig): DiffSide {
  if (!release.card) throw new UsageError(`${release.tag}: no scorecard at ${config.scorecard.join(' or ')}`);
  const side = sideFromText(release.card.text, release.tag);
  // A stale card (another version's, copied forward) is compared only with the reader told so,
  // as gate --baseline-ref refuses it outright.
  const stale = release.problems.filter((p) => /^card version /.test(p)).map((p) => `${p} at ${release.scorecard_path ?? config.scorecard.join(' or ')} (a stale card copied forward?): these numbers are not release ${release.version}'s`);
  const other = release.problems.filter((p) => !/^card version /.test(p));
  return { ...side, warnings: [...stale, ...other] };
}

/**
 * `releases`, when the caller has listed them already, saves listing them again. `confine`
 * (the console's calls): a file side must be one of the project's files — a token holder
 * cannot read any path on the machine through a diff.
 */
export async function resolveSide(spec: string, opts: { db: Db; projectDir: string; config: ReleaseConfig; releases?: readonly Release[]; confine?: boolean }): Promise<DiffSide> {
  const path = isAbsolute(spec) ? spec : resolve(opts.projectDir, spec);
  const escape = opts.confine && (isAbsolute(spec) || spec.includes('/') || spec.includes('\\') || existsSync(path)) ? escapesRoots(path, [opts.projectDir]) : null;
  if (escape) throw new UsageError(`${spec}: ${escape}; a diff reads only the project's files, runs and git refs`);
  if (existsSync(path) && statSync(path).isFile()) return sideFromText(readTextOrUsageSync(path, { shown: spec }), spec);
  const run = sideFromRun(opts.db, spec);
  if (run) return run;
  if (await isRepository(opts.projectDir)) {
    const releases = opts.releases ?? (await listReleases(opts.projectDir, opts.config));
    const version = normalizeVersion(spec);
    const release = releases.find((r) => r.tag === spec) ?? (version ? releases.find((r) => r.version === version) : undefined);
    if (release) return sideFromRelease(release, opts.config);
    const commit = await tryResolveCommit(opts.projectDir, spec);
    if (commit) {
      const found = await cardAtCommit(opts.projectDir, commit, opts.config.scorecard);
      if (!found) throw new UsageError(`${spec}: no scorecard at ${opts.config.scorecard.join(' or ')}`);
      return sideFromText(found.text, spec);
    }
  }
  throw new UsageError(`${spec}: not a scorecard file, a run id, a release or a git ref of ${opts.projectDir}`);
}
