/**
 * A/A pairs (issue 16): two runs of one eval on the same version, started together by
 * `run --aa` or the console's A/A button. Each run names the other (runs.aa_partner), so the
 * pair is found from either run; the noise floor itself is computed from their stored metrics.
 */
import type { Db } from './db';

export interface AaPair {
  /** The run started first (stored first). */
  first: string;
  second: string;
}

/** Mark two runs as one A/A pair. */
export function pairAaRuns(db: Db, first: string, second: string): void {
  const set = db.prepare('UPDATE runs SET aa_partner = ? WHERE id = ?');
  db.transaction(() => {
    set.run(second, first);
    set.run(first, second);
  })();
}

/** The pair a run belongs to, in the order the two were stored; null for a run that is not half of one. */
export function aaPairOf(db: Db, runId: string): AaPair | null {
  const row = db.prepare('SELECT aa_partner FROM runs WHERE id = ?').get(runId) as { aa_partner: string | null } | undefined;
  if (!row?.aa_partner) return null;
  const both = db.prepare('SELECT id FROM runs WHERE id IN (?, ?) ORDER BY rowid').all(runId, row.aa_partner) as Array<{ id: string }>;
  if (both.length !== 2) return null;
  return { first: both[0]!.id, second: both[1]!.id };
}

/**
 * The newest A/A pair of a project's eval whose two runs both succeeded: the noise floor that
 * eval has, shown for its other runs and printed on their cards.
 */
export function latestAaPair(db: Db, projectId: string, evalName: string): AaPair | null {
  const row = db
    .prepare(
      `SELECT a.id AS a, b.id AS b FROM runs a JOIN runs b ON b.id = a.aa_partner
       WHERE a.project_id = @projectId AND a.eval = @evalName AND a.aa_partner IS NOT NULL AND a.rowid < b.rowid
         AND a.status = 'succeeded' AND b.status = 'succeeded'
       ORDER BY b.created_at DESC, b.rowid DESC LIMIT 1`,
    )
    .get({ projectId, evalName }) as { a: string; b: string } | undefined;
  return row ? { first: row.a, second: row.b } : null;
}
