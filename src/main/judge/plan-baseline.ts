/**
 * What `greenlight plan` plans from, out of a project's stored runs of an eval: its accepted
 * runs when it has any (what a release is made of — a failed candidate's pass rate is no base
 * to plan from, nor its flips a release-to-release discordance), else its latest finished ones.
 *
 * The newest is the base. The pair it is compared with, to estimate how items change from one
 * release to the next, is the newest such run of ANOTHER version: two runs of one version (an
 * A/A pair above all, runs.aa_partner) differ by noise only, so their discordance is the noise
 * floor, not a change between releases — pairing them planned as if releases barely changed.
 * The eval's newest A/A pair is returned apart, as the noise floor.
 */
import type { Db } from '../store/db';
import type { Metric } from '../../core/metric';
import { storedRunMetrics } from '../store/run-metrics';
import { latestAaPair } from '../store/aa-pairs';

export interface PlanRun {
  id: string;
  version: string | null;
  metrics: Metric[];
}

export interface PlanRuns {
  /** The newest run: the base rate and its items. */
  latest: PlanRun | null;
  /** The newest run of another version: the previous release, for the paired design. */
  previous: PlanRun | null;
  /** The eval's newest A/A pair (two runs of one version): the noise floor, never a previous release. */
  noiseFloor: { version: string | null; first: PlanRun; second: PlanRun } | null;
}

const SCAN = 200;

export function planRuns(db: Db, projectDir: string, evalName: string | null): PlanRuns {
  const query = (acceptedOnly: boolean) =>
    db
      .prepare(
        `SELECT r.id, r.version FROM runs r JOIN projects pr ON pr.id = r.project_id
         WHERE pr.path = ? AND (r.eval IS ? OR r.eval IS NULL OR ? IS NULL) AND r.status IN ('succeeded', 'imported')
         ${acceptedOnly ? "AND r.decision = 'ACCEPT'" : ''} ORDER BY r.created_at DESC, r.rowid DESC LIMIT ?`,
      )
      .all(projectDir, evalName, evalName, SCAN) as Array<{ id: string; version: string | null }>;
  const accepted = query(true);
  const rows = accepted.length ? accepted : query(false);
  const load = (r: { id: string; version: string | null }): PlanRun => ({ ...r, metrics: storedRunMetrics(db, r.id) });
  const head = rows[0];
  if (!head) return { latest: null, previous: null, noiseFloor: null };
  // Another release only when both versions are known and differ: an unknown version may be the same one.
  const other = head.version === null ? undefined : rows.find((r) => r.version !== null && r.version !== head.version);
  return { latest: load(head), previous: other ? load(other) : null, noiseFloor: noiseFloorPair(db, projectDir, evalName, load) };
}

function noiseFloorPair(db: Db, projectDir: string, evalName: string | null, load: (r: { id: string; version: string | null }) => PlanRun): PlanRuns['noiseFloor'] {
  if (evalName === null) return null;
  const project = db.prepare('SELECT id FROM projects WHERE path = ?').get(projectDir) as { id: string } | undefined;
  const pair = project ? latestAaPair(db, project.id, evalName) : null;
  if (!pair) return null;
  const row = (id: string) => db.prepare('SELECT id, version FROM runs WHERE id = ?').get(id) as { id: string; version: string | null };
  const first = load(row(pair.first));
  return { version: first.version, first, second: load(row(pair.second)) };
}
