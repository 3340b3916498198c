/** Handlers for the item calls: a run's items page by page, one item in full, flips against another run. */
import { itemFlips } from '../../core/diff/flips';
import { parseScorecard } from '../../core/scorecard';
import { isRecord } from '../../core/util';
import { getItem, itemOutcomes, queryItems } from '../store/run-items';
import { readItemSource } from '../artefacts/item-source';
import type { ItemFlipsAnswer } from '../../shared/calls/items';
import type { AppContext } from '../context/context';
import { ApiFailure, type Handler } from './service';

interface RunRow {
  id: string;
  version: string | null;
  scorecard: string | null;
}

function runRow(ctx: AppContext, id: string): RunRow {
  const r = ctx.db.prepare('SELECT id, version, scorecard FROM runs WHERE id = ?').get(id) as RunRow | undefined;
  if (!r) throw new ApiFailure('not_found', `no run with id ${id}`);
  return r;
}

/** The run the card compared with, when its baseline was a run (a release card has no items). */
function baselineRunOf(r: RunRow): string | null {
  if (!r.scorecard) return null;
  const p = parseScorecard(r.scorecard);
  const b = p.ok && isRecord(p.value.data.baseline) ? p.value.data.baseline : null;
  return b && typeof b.run === 'string' ? b.run : null;
}

function flipsFor(ctx: AppContext, runId: string, againstRunId?: string): ItemFlipsAnswer {
  const r = runRow(ctx, runId);
  const against = againstRunId ?? baselineRunOf(r);
  if (!against) return { against: null, flips: null, note: 'this run was compared with a release card or with nothing: a card keeps no items, so there are no flips to show (pick a run in Compare to pair with)' };
  const a = runRow(ctx, against);
  const label = `run ${a.id}${a.version ? ` (v${a.version})` : ''}`;
  const flips = itemFlips(itemOutcomes(ctx.db, a.id), itemOutcomes(ctx.db, r.id));
  return { against: { runId: a.id, label }, flips, note: flips ? null : `${label} shares no item id with this run` };
}

export const itemsServices = {
  'items.list': ((input, ctx) => {
    runRow(ctx, input.runId);
    const flips = input.flipped || input.againstRunId ? flipsFor(ctx, input.runId, input.againstRunId) : null;
    let rows: number[] | undefined;
    if (input.flipped) {
      const f = flips?.flips;
      const names = !f ? [] : input.flipped === 'to_fail' ? f.flipped_to_fail : input.flipped === 'to_pass' ? f.flipped_to_pass : [...f.flipped_to_fail, ...f.flipped_to_pass];
      // Flips name items as the run's outcomes do (`id`, `id#epoch`, `id @ artefact`): back to their rows.
      const mine = itemOutcomes(ctx.db, input.runId);
      rows = names.flatMap((n) => mine.get(n)?.row ?? []);
    }
    const page = queryItems(ctx.db, input.runId, {
      ...(input.status ? { status: input.status } : {}),
      ...(input.category !== undefined ? { category: input.category } : {}),
      ...(input.output !== undefined ? { output: input.output } : {}),
      ...(input.search !== undefined ? { search: input.search } : {}),
      ...(rows ? { rows } : {}),
      offset: input.offset,
      limit: input.limit,
    });
    return { ...page, flips };
  }) satisfies Handler<'items.list'>,

  'items.get': (async (input, ctx) => {
    runRow(ctx, input.runId);
    const item = getItem(ctx.db, input.runId, input.row);
    if (!item) throw new ApiFailure('not_found', `run ${input.runId} has no item ${input.row}`);
    const art = ctx.db.prepare('SELECT sha256, copy_path FROM artefacts WHERE run_id = ? AND path = ?').get(input.runId, item.artefact) as { sha256: string | null; copy_path: string | null } | undefined;
    const src = await readItemSource({
      paths: [item.artefact, ...(art?.copy_path ? [art.copy_path] : [])],
      kind: item.kind,
      pointer: item.pointer ?? null,
      sha256: art?.sha256 ?? null,
      id: item.id,
    });
    return { item, ...src };
  }) satisfies Handler<'items.get'>,

  'items.flips': ((input, ctx) => flipsFor(ctx, input.runId, input.againstRunId)) satisfies Handler<'items.flips'>,
};
