/**
 * The report's flipped items (issue 15, on issue 13's stored items): the run's items paired
 * with those of the baseline its card was judged against, the counts, and the first items each
 * way with an excerpt of their input. When there is nothing to list, exactly why: the baseline
 * is a release card (a card keeps no items), there was no baseline, a side recorded no
 * per-item outcomes, or the two share no item id.
 */
import { readCard } from '../../core/releases';
import { itemFlips } from '../../core/diff';
import { isRecord } from '../../core/util';
import type { ReportFlipItem, ReportFlips } from '../../core/report/html';
import type { Db } from '../store/db';
import { itemOutcomes, queryItems } from '../store/run-items';
import { publishFor } from '../publish/store';

/** How many items each way the report names; the counts are always complete. */
export const FLIPS_SHOWN = 20;
const INPUT_EXCERPT = 160;

interface BaselineBlock {
  kind?: string;
  version?: string | null;
  ref?: string | null;
  run?: string;
  label?: string;
  note?: string;
}

function baselineOf(scorecard: string | null): BaselineBlock | null {
  if (!scorecard) return null;
  const r = readCard(scorecard);
  if (!r.ok) return null;
  const b = r.value.front.baseline;
  return isRecord(b) ? (b as BaselineBlock) : null;
}

/** The stored item (for its input) of a flip name: `id`, `id#epoch`, or `id @ artefact` (issue 18), found by its row. */
function flipItems(db: Db, runId: string, names: readonly string[], mine: ReturnType<typeof itemOutcomes>): ReportFlipItem[] {
  const shown = names.slice(0, FLIPS_SHOWN);
  const rows = shown.flatMap((n) => mine.get(n)?.row ?? []);
  const found = new Map<number, string | undefined>();
  if (rows.length) for (const it of queryItems(db, runId, { rows, limit: rows.length }).items) found.set(it.row, it.input);
  return shown.map((name) => {
    const row = mine.get(name)?.row;
    const input = row !== undefined ? found.get(row) : undefined;
    const one = input?.replace(/\s+/g, ' ').trim();
    return { id: name, ...(one ? { input: one.length > INPUT_EXCERPT ? `${one.slice(0, INPUT_EXCERPT - 1)}…` : one } : {}) };
  });
}

export function reportFlips(db: Db, run: { id: string; projectId: string; scorecard: string | null }): ReportFlips {
  const b = baselineOf(run.scorecard);
  if (!run.scorecard) return { against: null, unavailable: 'This run has no scorecard, so no baseline was recorded to pair its items with.' };
  if (!b || b.kind === 'first-release' || (!b.kind && !b.version && !b.run)) {
    return { against: null, unavailable: `This run had no baseline${b?.note ? ` (${b.note})` : ''}: there is nothing to pair its items with.` };
  }
  let baseRun = b.run ?? '';
  let against = `run ${baseRun}`;
  if (b.kind === 'release') {
    const what = `release ${b.version ?? '?'}${b.ref ? ` (${b.ref})` : ''}`;
    // A release published from this data folder names its run: that run's items are the release's.
    const published = b.version ? publishFor(db, run.projectId, b.version) : undefined;
    const from = published?.status === 'published' && published.run_id && db.prepare('SELECT 1 FROM runs WHERE id = ?').get(published.run_id) ? published.run_id : null;
    if (!from) {
      return { against: what, unavailable: `The baseline is ${what}, a scorecard: a card keeps metrics, not per-item outcomes, and the release was not published from a run in this data folder, so no item can be paired with it. To see flipped items, compare two runs: greenlight diff <baseline run> ${run.id}.` };
    }
    baseRun = from;
    against = `${what}, published from run ${from}`;
  }
  if (!baseRun || !db.prepare('SELECT 1 FROM runs WHERE id = ?').get(baseRun)) return { against, unavailable: `The baseline run ${baseRun || '(unnamed)'} is not in this data folder any more, so its items cannot be paired.` };
  const mine = itemOutcomes(db, run.id);
  const theirs = itemOutcomes(db, baseRun);
  if (mine.size === 0) return { against, unavailable: 'This run recorded no per-item pass/fail (its artefacts give none), so no item can be paired.' };
  if (theirs.size === 0) return { against, unavailable: `The baseline ${against} recorded no per-item pass/fail, so no item can be paired.` };
  const f = itemFlips(theirs, mine);
  if (!f) return { against, unavailable: `No item id is shared: ${mine.size} items here, ${theirs.size} in run ${baseRun}, none paired.` };
  return {
    against,
    counts: { paired: f.paired, both_pass: f.both_pass, both_fail: f.both_fail, flipped_to_fail: f.flipped_to_fail.length, flipped_to_pass: f.flipped_to_pass.length, baseline_only: f.baseline_only, candidate_only: f.candidate_only },
    toFail: flipItems(db, run.id, f.flipped_to_fail, mine),
    toPass: flipItems(db, run.id, f.flipped_to_pass, mine),
  };
}
