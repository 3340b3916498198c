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

/** Per-item pass/fail by key (`id`, or `id#epoch` for repeats). */
export type ItemOutcomes = ReadonlyMap<string, boolean>;

/** The pairing of two sides' items; null when they share no id (nothing to pair). */
export function itemFlips(baseline: ItemOutcomes, candidate: ItemOutcomes): ItemFlips | null {
  let paired = 0;
  let bothPass = 0;
  let bothFail = 0;
  const toFail: string[] = [];
  const toPass: string[] = [];
  for (const [id, c] of candidate) {
    const b = baseline.get(id);
    if (b === undefined) continue;
    paired++;
    if (b && c) bothPass++;
    else if (!b && !c) bothFail++;
    else if (b) toFail.push(id);
    else toPass.push(id);
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
