/**
 * Item by item (SPEC §2.12): two sides with per-item outcomes on shared ids are paired, and
 * the items whose outcome changed are named — the evidence behind a McNemar test, and what a
 * reviewer reads first.
 */
import { z } from 'zod';

export const ItemFlipsSchema = z.object({
  paired: z.number().int(),
  both_pass: z.number().int(),
  both_fail: z.number().int(),
  flipped_to_fail: z.array(z.string()),
  flipped_to_pass: z.array(z.string()),
  /** Items on one side only (not paired). */
  baseline_only: z.number().int(),
  candidate_only: z.number().int(),
});
export type ItemFlips = z.infer<typeof ItemFlipsSchema>;

/**
 * One item's outcome on one side, with where it came from: `key` is the item's id (`id#epoch`
 * for a repeat), `source` the artefact it came from as a path that reads the same in every run
 * (`{run_dir}/seed-7/eval-report.json`), so two artefacts of one run that both have an item
 * "1" stay two items. `row` is the store's row, for opening the item.
 */
export interface ItemOutcome {
  key: string;
  source: string;
  kind: string;
  passed: boolean;
  row?: number;
}

/**
 * Per-item outcomes, by the name a reader sees: the key when it is unique on its side, else
 * `key @ source`. A bare boolean is an outcome with no source (a metric's `items`).
 */
export type ItemOutcomes = ReadonlyMap<string, boolean | ItemOutcome>;

function outcomeOf(name: string, v: boolean | ItemOutcome): ItemOutcome {
  return typeof v === 'boolean' ? { key: name, source: '', kind: '', passed: v } : v;
}

/** The name of an item on its side: its key, or `key @ source` when another artefact has the same key. */
export function itemNames<T extends { key: string; source: string }>(items: readonly T[]): Array<[string, T]> {
  const count = new Map<string, number>();
  for (const it of items) count.set(it.key, (count.get(it.key) ?? 0) + 1);
  const used = new Set<string>();
  return items.map((it) => {
    let name = (count.get(it.key) ?? 0) > 1 ? `${it.key} @ ${it.source.replace(/^\{run_dir\}[\\/]/, '')}` : it.key;
    // The same key twice in one artefact: both kept, the second numbered.
    for (let n = 2; used.has(name); n++) name = `${it.key} @ ${it.source.replace(/^\{run_dir\}[\\/]/, '')} (${n})`;
    used.add(name);
    return [name, it];
  });
}

/**
 * The pairing of two sides' items; null when they pair nothing. An item pairs with the item of
 * the same key from the same artefact (kind and path) on the other side; what is left pairs by
 * key alone where that key is left once on each side (an artefact renamed between the runs, or
 * one side without sources). A key left several times on a side stays unpaired: guessing which
 * artefact's "1" is which would invent flips.
 */
export function itemFlips(baseline: ItemOutcomes, candidate: ItemOutcomes): ItemFlips | null {
  const b = [...baseline].map(([name, v]) => ({ name, ...outcomeOf(name, v) }));
  const c = [...candidate].map(([name, v]) => ({ name, ...outcomeOf(name, v) }));
  const exact = (o: ItemOutcome): string => `${o.kind}\u0000${o.source}\u0000${o.key}`;
  const byExact = new Map<string, Array<(typeof b)[number]>>();
  for (const o of b) byExact.set(exact(o), [...(byExact.get(exact(o)) ?? []), o]);
  const partner = new Map<(typeof c)[number], (typeof b)[number]>();
  const taken = new Set<(typeof b)[number]>();
  for (const o of c) {
    const m = byExact.get(exact(o))?.find((x) => !taken.has(x));
    if (m) {
      partner.set(o, m);
      taken.add(m);
    }
  }
  const leftB = new Map<string, Array<(typeof b)[number]>>();
  for (const o of b) if (!taken.has(o)) leftB.set(o.key, [...(leftB.get(o.key) ?? []), o]);
  const leftC = new Map<string, number>();
  for (const o of c) if (!partner.has(o)) leftC.set(o.key, (leftC.get(o.key) ?? 0) + 1);
  for (const o of c) {
    if (partner.has(o)) continue;
    const m = leftB.get(o.key);
    if (m?.length === 1 && leftC.get(o.key) === 1) partner.set(o, m[0]!);
  }
  let paired = 0;
  let bothPass = 0;
  let bothFail = 0;
  const toFail: string[] = [];
  const toPass: string[] = [];
  for (const o of c) {
    const m = partner.get(o);
    if (!m) continue;
    paired++;
    if (m.passed && o.passed) bothPass++;
    else if (!m.passed && !o.passed) bothFail++;
    else if (m.passed) toFail.push(o.name);
    else toPass.push(o.name);
  }
  if (paired === 0) return null;
  return { paired, both_pass: bothPass, both_fail: bothFail, flipped_to_fail: toFail, flipped_to_pass: toPass, baseline_only: baseline.size - paired, candidate_only: candidate.size - paired };
}

/** Per-item outcomes from a metric's `items` (1 → pass, 0 → fail; other scores are not pass/fail). */
export function outcomesOfMetricItems(items: Record<string, number> | undefined): Map<string, boolean> {
  const out = new Map<string, boolean>();
  for (const [k, v] of Object.entries(items ?? {})) if (v === 1 || v === 0) out.set(k, v === 1);
  return out;
}
