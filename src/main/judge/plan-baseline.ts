/**
 * The metrics of a project's latest finished runs of an eval, newest first, for `greenlight
 * plan`: its accepted runs when it has any (what a release is made of — a failed candidate's
 * pass rate is no base to plan from, nor its flips a release-to-release discordance), else its
 * latest finished ones.
 */
import type { Db } from '../store/db';
import type { Metric } from '../../core/metric';
import { storedRunMetrics } from '../store/run-metrics';

export function recentRunMetrics(db: Db, projectDir: string, evalName: string | null, limit: number): Array<{ id: string; version: string | null; metrics: Metric[] }> {
  const query = (acceptedOnly: boolean) =>
    db
      .prepare(
        `SELECT r.id, r.version FROM runs r JOIN projects pr ON pr.id = r.project_id
         WHERE pr.path = ? AND (r.eval IS ? OR r.eval IS NULL OR ? IS NULL) AND r.status IN ('succeeded', 'imported')
         ${acceptedOnly ? "AND r.decision = 'ACCEPT'" : ''} ORDER BY r.created_at DESC LIMIT ?`,
      )
      .all(projectDir, evalName, evalName, limit) as Array<{ id: string; version: string | null }>;
  const accepted = query(true);
  const rows = accepted.length ? accepted : query(false);
  return rows.map((r) => ({ ...r, metrics: storedRunMetrics(db, r.id) }));
}
