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
 * The noise floor for the card of the run now ending: the newest complete A/A pair of its
 * eval. A run of a pair gets its own pair's floor once both have ended (settleAaPair).
 */
export function noiseFloorForCard(db: Db, run: { id: string; evalName: string | null }): CardNoiseFloor | null {
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
 * When the second run of an A/A pair has been stored, both runs' drafted cards get the pair's
 * own noise floor (rendered again with it). Called after each run is stored: the process is
 * single-threaded, so whichever of two runs ending together is stored second sees both.
 */
export function settleAaPair(db: Db, runId: string): void {
  const pair = aaPairOf(db, runId);
  if (!pair) return;
  const view = viewOf(db, pair, true);
  if (!view || view.state !== 'ready') return;
  const floor = card([pair.first, pair.second], view.second.version, view.second.endedAt, true, view.rows);
  if (!floor) return;
  for (const id of [pair.first, pair.second]) {
    const row = db.prepare('SELECT scorecard FROM runs WHERE id = ?').get(id) as { scorecard: string | null } | undefined;
    if (!row?.scorecard) continue;
    const patched = withNoiseFloor(row.scorecard, floor);
    if (patched && patched !== row.scorecard) setRunScorecard(db, id, patched);
  }
}
