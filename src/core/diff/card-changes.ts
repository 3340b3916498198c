/**
 * What publishing changes in SCORECARD.md (issue 15): the previous release's card against the
 * card about to be written, aligned by name — metrics (previous, new, Δ = new − previous,
 * worse/improved by each metric's direction), the aggregate, gates — instead of a line diff's
 * delete-and-add blocks. And what the previous card holds that this run cannot know:
 *
 * - carried over into the new card: the dataset's descriptive keys (`recipe.dataset.description`,
 *   a licence, a source…) when the dataset is the same one (same reference and size) — a
 *   description of that dataset is still true;
 * - dropped, each named with why: anything that belongs to the run that made the previous card
 *   (a seed, its provenance, config or environment keys this run did not set), the previous
 *   release's override, and body sections the draft does not write (a hand-written section may
 *   no longer hold, so it is never copied silently).
 *
 * Pure: the publish plan, the CLI dry run and the console all show this one model.
 */
import { z } from 'zod';
import { isRecord } from '../util';
import type { Result } from '../errors';
import { parseDocument } from 'yaml';
import { parseScorecard, renderScorecard, splitFrontMatter } from '../scorecard';
import { payloadFromCard } from '../scorecard/carry-forward';
import type { CardFacts } from '../releases/card';
import { diffSides, sideFromCard } from './index';
import { DeltaSchema, GateDiffSchema, MetricDiffSchema } from './schema';

export const CardKeptSchema = z.object({
  /** A dotted front-matter path (`recipe.dataset.description`) or `section "Title"`. */
  what: z.string(),
  /** The previous card's value, as a short excerpt; null for a whole section. */
  value: z.string().nullable(),
  why: z.string(),
});
export type CardKept = z.infer<typeof CardKeptSchema>;

export const CardChangesSchema = z.object({
  previous: z.object({ label: z.string(), version: z.string().nullable() }),
  next: z.object({ label: z.string(), version: z.string().nullable() }),
  aggregate: DeltaSchema,
  metrics: z.array(MetricDiffSchema),
  gates: z.array(GateDiffSchema),
  /** Written into the new card from the previous one. */
  carried: z.array(CardKeptSchema),
  /** In the previous card, not in the new one. */
  dropped: z.array(CardKeptSchema),
  warnings: z.array(z.string()),
});
export type CardChanges = z.infer<typeof CardChangesSchema>;

/** A previous or new card: its facts (front matter read) and its markdown body. */
export interface CardSide {
  label: string;
  facts: CardFacts;
  body: string;
}

/** Dataset keys that describe the dataset itself (true for every run on it). */
const DATASET_IDENTITY = ['reference', 'size'] as const;

/** Front-matter blocks that every run writes afresh and that the aligned tables already show. */
const REWRITTEN = new Set(['schema_version', 'agent.name', 'agent.version', 'results.metrics', 'results.breakdown', 'results.test_cases_run', 'aggregate', 'gates', 'baseline', 'generated_at']);

const excerpt = (v: unknown): string => {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  const one = (s ?? String(v)).replace(/\s+/g, ' ').trim();
  return one.length > 80 ? `${one.slice(0, 79)}…` : one;
};

/** Leaf paths (objects walked, lists whole) of `prev` that `next` lacks. */
function missingPaths(prev: Record<string, unknown>, next: Record<string, unknown> | undefined, prefix: string, out: Array<[string, unknown]>): void {
  for (const [k, v] of Object.entries(prev)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (REWRITTEN.has(path)) continue;
    const there = next?.[k];
    if (there === undefined) out.push([path, v]);
    else if (isRecord(v) && isRecord(there)) missingPaths(v, there, path, out);
  }
}

function sameDataset(prev: Record<string, unknown>, next: Record<string, unknown>): boolean {
  const d = (f: Record<string, unknown>): Record<string, unknown> => (isRecord(f.recipe) && isRecord(f.recipe.dataset) ? f.recipe.dataset : {});
  const [a, b] = [d(prev), d(next)];
  return DATASET_IDENTITY.every((k) => a[k] !== undefined && a[k] === b[k]);
}

function whyDropped(path: string, prev: Record<string, unknown>): string {
  if (/(^|[._])seed($|[._])/i.test(path)) return 'the seed of the run that made the previous card, not of this run';
  if (path.startsWith('recipe.dataset.')) {
    const ref = isRecord(prev.recipe) && isRecord(prev.recipe.dataset) ? prev.recipe.dataset.reference : undefined;
    return `describes the previous card's dataset${typeof ref === 'string' ? ` (${ref})` : ''}, and this run's dataset is another (reference or size differ)`;
  }
  if (path.startsWith('provenance.')) return 'provenance of the run that made the previous card';
  if (path.startsWith('recipe.config.')) return 'a setting of the previous run that this run did not set';
  if (path.startsWith('recipe.environment.')) return 'the previous run’s environment; this run did not record it';
  if (path === 'override' || path.startsWith('override.')) return 'the previous release’s override; this card records its own decision';
  if (path === 'inherited_from') return 'the previous card was carried forward; this one is measured';
  return 'this run does not record it';
}

/** `## ` headings outside code fences. */
export function sectionTitles(body: string): string[] {
  const out: string[] = [];
  let fenced = false;
  for (const line of body.split(/\r?\n/)) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    const m = !fenced ? /^##\s+(.+?)\s*$/.exec(line) : null;
    if (m) out.push(m[1] as string);
  }
  return out;
}

/** Sections Greenlight's render writes only when the run gives them something to say. */
const GENERATED = /^(statistics|noise floor \(a\/a\)|comparison with the previous release|category breakdown|aggregate score recomputation|reproduction|environment|recipe|metrics|gates)$/i;

function sectionWhy(title: string): string {
  if (/^override$/i.test(title)) return 'the previous release’s override; this card records its own decision';
  if (/^carried forward$/i.test(title)) return 'the previous card was carried forward; this one is measured';
  if (GENERATED.test(title)) return 'written from the run that made the previous card; this run gives it nothing to say';
  return 'the new card is drafted from this run and has no such section; a hand-written section is not copied, as it may no longer hold — add it again if it does';
}

/**
 * What the new card takes from the previous one: the dataset's descriptive keys, when the
 * dataset is the same. Returned as (path, value) for `withCarriedKeys` to write.
 */
export function carriedKeys(prev: Record<string, unknown>, next: Record<string, unknown>): Array<{ path: string[]; value: unknown }> {
  if (!sameDataset(prev, next)) return [];
  const missing: Array<[string, unknown]> = [];
  missingPaths(prev, next, '', missing);
  return missing.filter(([p]) => p.startsWith('recipe.dataset.') && p.split('.').length === 3).map(([p, value]) => ({ path: p.split('.'), value }));
}

export function cardChanges(previous: CardSide, next: CardSide): CardChanges {
  const d = diffSides(sideFromCard(previous.facts, previous.label), sideFromCard(next.facts, next.label));
  const [pf, nf] = [previous.facts.front, next.facts.front];
  const missing: Array<[string, unknown]> = [];
  missingPaths(pf, nf, '', missing);
  const carried: CardKept[] = [];
  const dropped: CardKept[] = [];
  const same = sameDataset(pf, nf);
  for (const [path, value] of missing) {
    // `next` is the card before anything was carried: a dataset key it lacks is carried exactly when carriedKeys takes it.
    if (same && path.startsWith('recipe.dataset.') && path.split('.').length === 3) carried.push({ what: path, value: excerpt(value), why: 'describes the same dataset (reference and size unchanged), so it still holds' });
    else dropped.push({ what: path, value: excerpt(value), why: whyDropped(path, pf) });
  }
  const nextSections = new Set(sectionTitles(next.body).map((t) => t.toLowerCase()));
  for (const title of sectionTitles(previous.body)) {
    if (!nextSections.has(title.toLowerCase())) dropped.push({ what: `section "${title}"`, value: null, why: sectionWhy(title) });
  }
  return {
    previous: { label: previous.label, version: previous.facts.version },
    next: { label: next.label, version: next.facts.version },
    aggregate: d.aggregate,
    metrics: d.metrics,
    gates: d.gates,
    carried,
    dropped,
    warnings: d.warnings,
  };
}

/**
 * The draft card with the carried keys written in: re-rendered from its own front matter (the
 * render is deterministic and keeps generated_at), so the Recipe table shows them as well.
 */
export function withCarriedKeys(markdown: string, keys: ReadonlyArray<{ path: string[]; value: unknown }>): Result<string> {
  if (keys.length === 0) return { ok: true, value: markdown };
  const parsed = parseScorecard(markdown);
  if (!parsed.ok) return parsed;
  // A card whose body is not exactly what the render makes of its front matter (edited by
  // hand, or by another tool) keeps its body: the keys go into the front matter only.
  const same = renderScorecard(payloadFromCard(parsed.value));
  if (!same.ok || same.value !== markdown) return inFrontMatter(markdown, keys);
  const payload = payloadFromCard(parsed.value) as unknown as Record<string, unknown>;
  for (const { path, value } of keys) {
    let at: Record<string, unknown> = payload;
    for (const k of path.slice(0, -1)) {
      const next = at[k];
      if (!isRecord(next)) return { ok: false, problems: [{ path: path.join('.'), message: `cannot carry over: ${k} is not a mapping in the new card` }] };
      at = next;
    }
    at[path[path.length - 1] as string] = value;
  }
  return renderScorecard(payload);
}

function inFrontMatter(markdown: string, keys: ReadonlyArray<{ path: string[]; value: unknown }>): Result<string> {
  const split = splitFrontMatter(markdown);
  if (!split) return { ok: false, problems: [{ path: '', message: 'the card has no front matter' }] };
  const doc = parseDocument(split.yaml, { uniqueKeys: false });
  for (const { path, value } of keys) doc.setIn(path, doc.createNode(value));
  return { ok: true, value: `---\n${doc.toString({ lineWidth: 0 })}---\n${split.body}` };
}
