/**
 * The noise floor of an eval (issue 16), from the store: an A/A pair's two runs compared
 * metric by metric and item by item (core/noise-floor). Read by the console (`runs.noiseFloor`),
 * by `run --aa`, and by the card drafted at the end of a later run of the same eval.
 */
import type { Db } from '../store/db';
import type { Metric } from '../../core/metric';
import { differingItems, noiseFloor } from '../../core/noise-floor';
import { aaPairOf, latestAaPair, type AaPair } from '../store/aa-pairs';
import { getRunDetail } from '../store/run-detail';
import type { NoiseFloorView, NoiseRow } from '../../shared/schemas';
import { getRun } from '../store/runs';
import { setRunScorecard } from '../store/run-records';
import { withNoiseFloor } from '../../core/scorecard';
import type { NoiseFloorBlock } from '../../core/scorecard/payload';

const ENDED_BADLY = new Set(['failed', 'cancelled', 'timed_out', 'interrupted']);

/** The rows of two runs' metrics, each with the first items that differ. */
export function noiseRows(first: readonly Metric[], second: readonly Metric[]): NoiseRow[] {
  const byName = new Map(second.map((m) => [m.name, m]));
  const firstByName = new Map(first.map((m) => [m.name, m]));
  return noiseFloor(first, second).map((r) => ({ ...r, differing: differingItems(firstByName.get(r.metric)!, byName.get(r.metric)!, 20) }));
}

function viewOf(db: Db, pair: AaPair, own: boolean): NoiseFloorView | null {
  const a = getRun(db, pair.first);
  const b = getRun(db, pair.second);
  if (!a || !b) return null;
  const state = a.status === 'succeeded' && b.status === 'succeeded' ? 'ready' : ENDED_BADLY.has(a.status) || ENDED_BADLY.has(b.status) ? 'failed' : 'running';
  return { own, first: a, second: b, state, rows: state === 'ready' ? noiseRows(metricsOf(db, a.id), metricsOf(db, b.id)) : [] };
}

function metricsOf(db: Db, runId: string): Metric[] {
  return (getRunDetail(db, runId)?.metrics ?? []) as unknown as Metric[];
}

/** The run's own A/A pair, else the newest complete A/A pair of its eval; null when it has neither. */
export function noiseFloorOfRun(db: Db, runId: string): NoiseFloorView | null {
  const own = aaPairOf(db, runId);
  if (own) return viewOf(db, own, true);
  const run = db.prepare('SELECT project_id, eval FROM runs WHERE id = ?').get(runId) as { project_id: string; eval: string | null } | undefined;
  if (!run?.eval) return null;
  const latest = latestAaPair(db, run.project_id, run.eval);
  return latest ? viewOf(db, latest, false) : null;
}

/** What a card prints about its eval's noise floor (payload `noise_floor`): noise_floor and interval in the metric's own units. */
export type CardNoiseFloor = NoiseFloorBlock;

/**
 * The noise floor for the card of the run now ending. Half of an A/A pair whose other run has
 * already succeeded: that pair, with this run's metrics (not stored yet). Otherwise the newest
 * complete pair of the same eval, if any.
 */
export function noiseFloorForCard(db: Db, run: { id: string; evalName: string | null; version: string | null; metrics: readonly Metric[] }): CardNoiseFloor | null {
  const pair = aaPairOf(db, run.id);
  if (pair) {
    const otherId = pair.first === run.id ? pair.second : pair.first;
    if (getRun(db, otherId)?.status === 'succeeded') {
      const [x, y] = pair.first === run.id ? [run.metrics, metricsOf(db, otherId)] : [metricsOf(db, otherId), run.metrics];
      return card([pair.first, pair.second], run.version, new Date().toISOString(), true, noiseRows(x, y));
    }
  }
  if (!run.evalName) return null;
  const project = db.prepare('SELECT project_id FROM runs WHERE id = ?').get(run.id) as { project_id: string } | undefined;
  const latest = project ? latestAaPair(db, project.project_id, run.evalName) : null;
  if (!latest || latest.first === run.id || latest.second === run.id) return null;
  const view = viewOf(db, latest, false);
  if (!view || view.state !== 'ready') return null;
  return card([latest.first, latest.second], view.second.version, view.second.endedAt, false, view.rows);
}

function card(runs: [string, string], version: string | null, at: string | null, own: boolean, rows: NoiseRow[]): CardNoiseFloor | null {
  if (rows.length === 0) return null;
  return {
    runs,
    version,
    measured_at: at,
    own,
    metrics: rows.map((r) => ({
      name: r.metric,
      paired_items: r.paired_items,
      flipped: r.flipped,
      noise_floor: r.noise_floor === null ? null : r.noise_floor * r.scale,
      interval: r.interval ? [r.interval[0] * r.scale, r.interval[1] * r.scale] : null,
      method: r.method,
    })),
  };
}

/**
 * The run of an A/A pair that ended first was drafted before its pair's noise floor existed:
 * when the second ends, the first's card gets the same section (as if rendered with it).
 */
export function shareNoiseFloorWithPartner(db: Db, runId: string, floor: CardNoiseFloor | null): void {
  if (!floor?.own) return;
  const partner = floor.runs[0] === runId ? floor.runs[1] : floor.runs[0];
  const row = db.prepare("SELECT scorecard FROM runs WHERE id = ? AND status = 'succeeded'").get(partner) as { scorecard: string | null } | undefined;
  if (!row?.scorecard) return;
  const patched = withNoiseFloor(row.scorecard, floor);
  if (patched && patched !== row.scorecard) setRunScorecard(db, partner, patched);
}
