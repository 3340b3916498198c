/**
 * Items (SPEC §2.12): the per-sample evidence behind a metric — one row per task, sample,
 * scenario or document an artefact reports on, with what the artefact says about it. Shared
 * by the adapters (which make them), the store (which keeps them), flips between two sides,
 * and repeats/clustering (which read `epoch` and the `fields` bag, e.g. `passage_id`).
 *
 * Texts are kept whole here; the store keeps bounded excerpts and reads the full text back
 * from the artefact on demand (`pointer` says where in the artefact the item lives).
 */
import { z } from 'zod';

/** Characters of each text the store keeps; the rest is read from the artefact when asked. */
export const ITEM_EXCERPT_CHARS = 2000;

export const ItemSchema = z.object({
  /** The artefact's own id for the item (task_id, sample id, scenario_id, doc_id). */
  id: z.string().min(1),
  /** Pass/fail when the artefact judges it so (a score of 1/0, "C"/"I", PASS/FAIL). */
  passed: z.boolean().optional(),
  /** A numeric score when the artefact gives one (1/0 for pass/fail, 0.5 for Inspect's "P"). */
  score: z.number().optional(),
  category: z.string().optional(),
  /** 1-based repeat number (Inspect epochs); absent for a single pass. */
  epoch: z.number().int().positive().optional(),
  input: z.string().optional(),
  target: z.string().optional(),
  output: z.string().optional(),
  explanation: z.string().optional(),
  error: z.string().optional(),
  /** Which metric the outcome belongs to (e.g. `task_pass_rate`, `match/accuracy`). */
  metric: z.string().optional(),
  /** Every other per-item field the artefact carries (Inspect `metadata`, lm-eval `doc`, …), flattened one level. */
  fields: z.record(z.string(), z.unknown()).optional(),
  /** Where in the artefact the item is: a JSON path, or `samples/<name>.json` inside an .eval zip. */
  pointer: z.string().optional(),
});
export type Item = z.infer<typeof ItemSchema>;

/** A filter on a run's items: the same for the CLI, the console and the store. */
export const ItemQuerySchema = z.object({
  status: z.enum(['pass', 'fail']).optional(),
  category: z.string().optional(),
  /** Exactly this output (e.g. a predicted label: the items behind one cell of a confusion table). */
  output: z.string().optional(),
  /**
   * Words in id, input, target, output, explanation or error: each query word the start of a
   * word there, any case, any order; a text with no letter or digit is a substring (src/main/store/item-search.ts).
   */
  search: z.string().optional(),
  /** Only these ids (e.g. the items that flipped against the baseline). */
  ids: z.array(z.string()).optional(),
  /** Only these stored rows (the items that flipped: an id alone may name an item of each of two artefacts). */
  rows: z.array(z.number().int()).optional(),
  offset: z.number().int().nonnegative().optional(),
  limit: z.number().int().positive().max(100_000).optional(),
});
export type ItemQuery = z.infer<typeof ItemQuerySchema>;

/** The key two sides are paired on: the id, and the epoch when there are repeats. */
export function itemKey(it: Pick<Item, 'id' | 'epoch'>): string {
  return it.epoch !== undefined && it.epoch > 1 ? `${it.id}#${it.epoch}` : it.id;
}

/** An outcome as pass/fail: `passed` when given, else a score of exactly 1 or 0. */
export function itemPassed(it: Pick<Item, 'passed' | 'score'>): boolean | undefined {
  if (it.passed !== undefined) return it.passed;
  if (it.score === 1) return true;
  if (it.score === 0) return false;
  return undefined;
}

/** Text that any value becomes for an item field: strings as they are, the rest as JSON. */
export function itemText(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}

/** The first `max` characters, with the count of what was cut. */
export function excerpt(text: string, max = ITEM_EXCERPT_CHARS): { text: string; truncated: boolean } {
  return text.length <= max ? { text, truncated: false } : { text: text.slice(0, max), truncated: true };
}

/** An item as the store keeps it: excerpts, the artefact it came from, its row for the detail call. */
export const StoredItemSchema = ItemSchema.extend({
  row: z.number().int(),
  artefact: z.string(),
  kind: z.string(),
  /** Some text was cut to its excerpt; the full text is read from the artefact on demand. */
  truncated: z.boolean(),
});
export type StoredItem = z.infer<typeof StoredItemSchema>;

/** One page of a run's items, with what the filters can offer. */
export const ItemPageSchema = z.object({
  total: z.number().int(),
  items: z.array(StoredItemSchema),
  /** Categories in the run (all of them, not only this page's), for the category filter. */
  categories: z.array(z.string()),
});
export type ItemPage = z.infer<typeof ItemPageSchema>;
