/**
 * What releases, diffs and publishing read from a SCORECARD.md: the front matter's version,
 * aggregate, metrics, gates, provenance commit and recipe. Parsing and validation are the
 * scorecard room's (`src/core/scorecard`); this only reads the facts out, never throws, and
 * keeps validation problems beside the facts so a caller decides whether they block.
 */
import { parseDocument } from 'yaml';
import type { Problem, Result } from '../errors';
import { parseScorecard, splitFrontMatter, validateScorecard } from '../scorecard';
import { isRecord } from '../util';

export interface CardMetric {
  name: string;
  value: number;
  n?: number;
  successes?: number;
  stderr?: number;
  ci95?: [number, number];
  higherIsBetter?: boolean;
  /** 1 for a 0–1 ratio, 100 for a 0–100 score, absent for unbounded quantities (cost). */
  scale?: number;
  weight?: number;
  breakdown?: Array<{ category: string; value: number; n?: number }>;
}

export interface CardGate {
  name: string;
  status: string;
  value?: number | null;
  threshold?: number | null;
  note?: string;
}

export interface CardFacts {
  name: string | null;
  version: string | null;
  aggregate: number | null;
  aggregateName: string | null;
  aggregateCi95: [number, number] | null;
  metrics: CardMetric[];
  /** Category breakdown, keyed by category, from `results.breakdown`. */
  /** `successes` when the card gives each category's correct count: what makes an interval on its delta. */
  breakdown: Array<{ metric: string | null; category: string; value: number; n?: number; successes?: number }>;
  gates: CardGate[];
  decision: string | null;
  commit: string | null;
  /** Comparability context: dataset size, limit, model, methodology, config keys. */
  context: Record<string, unknown>;
  front: Record<string, unknown>;
  /** Schema problems (dotted paths); a card with problems is never published. */
  problems: Problem[];
}

const obj = (v: unknown): Record<string, unknown> | undefined => (isRecord(v) ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined);
const pair = (v: unknown): [number, number] | undefined => {
  if (!Array.isArray(v) || v.length !== 2) return undefined;
  const [a, b] = [num(v[0]), num(v[1])];
  return a !== undefined && b !== undefined ? [a, b] : undefined;
};

/** A category's correct count, when the card gives one that fits inside its total. */
function counted(o: Record<string, unknown>): { successes?: number } {
  const x = num(o.correct ?? o.successes);
  const n = num(o.total ?? o.n);
  return x !== undefined && Number.isInteger(x) && x >= 0 && (n === undefined || x <= n) ? { successes: x } : {};
}

function readBreakdownEntries(raw: unknown, metric: string | null): CardFacts['breakdown'] {
  const out: CardFacts['breakdown'] = [];
  if (Array.isArray(raw)) {
    for (const e of raw) {
      const o = obj(e);
      const category = str(o?.category ?? o?.name);
      const value = num(o?.value ?? o?.accuracy);
      if (o && category && value !== undefined) out.push({ metric: str(o.metric) ?? metric, category, value, n: num(o.n ?? o.total), ...counted(o) });
    }
  } else if (Array.isArray(obj(raw)?.per_category)) {
    // The scorecard room's shape: per_category rows {category, total, correct, accuracy}, of
    // the block's `metric` when it names one.
    const of = str(obj(raw)?.metric) ?? metric;
    for (const e of obj(raw)?.per_category as unknown[]) {
      const o = obj(e);
      const category = str(o?.category);
      const value = num(o?.accuracy ?? o?.value);
      if (o && category && value !== undefined) out.push({ metric: of, category, value, n: num(o.total ?? o.n), ...counted(o) });
    }
  } else if (obj(raw)) {
    for (const [category, v] of Object.entries(obj(raw) ?? {})) {
      const o = obj(v);
      const value = num(v) ?? num(o?.value ?? o?.accuracy);
      if (value !== undefined) out.push({ metric: str(o?.metric) ?? metric, category, value, n: num(o?.n ?? o?.total), ...(o ? counted(o) : {}) });
    }
  }
  return out;
}

export function readCard(markdown: string, file?: string): Result<CardFacts> {
  const parsed = parseScorecard(markdown, file);
  if (!parsed.ok) return parsed;
  const front = parsed.value.data;
  const problems: Problem[] = [];
  const agent = obj(front.agent);
  const aggregate = obj(front.aggregate);
  const results = obj(front.results);
  const recipe = obj(front.recipe);
  const provenance = obj(front.provenance);
  const version = str(agent?.version) ?? null;
  const aggValue = num(aggregate?.value) ?? null;

  const metrics: CardMetric[] = [];
  const breakdown: CardFacts['breakdown'] = [];
  (Array.isArray(results?.metrics) ? results.metrics : []).forEach((m: unknown) => {
    const o = obj(m);
    const name = str(o?.name);
    const value = num(o?.value);
    if (!o || !name || value === undefined) return;
    const hib = o.higher_is_better ?? o.higherIsBetter;
    const own = readBreakdownEntries(o.breakdown, name);
    metrics.push({
      name,
      value,
      n: num(o.n),
      successes: num(o.successes),
      stderr: num(o.stderr),
      ci95: pair(o.ci95),
      higherIsBetter: typeof hib === 'boolean' ? hib : undefined,
      scale: num(o.scale),
      weight: num(o.weight),
      breakdown: own.length ? own.map(({ category, value: v, n }) => ({ category, value: v, n })) : undefined,
    });
    breakdown.push(...own);
  });
  // A breakdown that names no metric is of the aggregate's one component, when it has one (seed 001's cards).
  const components = Array.isArray(aggregate?.components) ? aggregate.components : [];
  const sole = components.length === 1 ? (str(obj(components[0])?.metric) ?? null) : null;
  breakdown.push(...readBreakdownEntries(results?.breakdown, sole));

  const gatesBlock = front.gates;
  const gateList = Array.isArray(gatesBlock) ? gatesBlock : (obj(gatesBlock)?.results ?? obj(gatesBlock)?.gates);
  const gates: CardGate[] = [];
  if (Array.isArray(gateList)) {
    for (const g of gateList) {
      const o = obj(g);
      const name = str(o?.name);
      const status = str(o?.status) ?? (o?.passed === true ? 'pass' : o?.passed === false ? 'fail' : undefined);
      if (o && name && status) gates.push({ name, status, value: num(o.value) ?? null, threshold: num(o.threshold) ?? null, note: str(o.note) });
    }
  }
  const git = obj(provenance?.git);
  problems.push(...validateScorecard(front, file));
  const dataset = obj(recipe?.dataset);
  const config = obj(recipe?.config) ?? {};
  const context: Record<string, unknown> = { ...config };
  if (dataset?.size !== undefined) context.dataset_size = dataset.size;
  if (recipe?.methodology !== undefined) context.methodology = recipe.methodology;
  return {
    ok: true,
    value: {
      name: str(agent?.name) ?? null,
      version,
      aggregate: aggValue,
      aggregateName: str(aggregate?.name) ?? null,
      aggregateCi95: pair(aggregate?.ci95) ?? null,
      metrics,
      breakdown,
      gates,
      decision: str(obj(gatesBlock)?.decision) ?? null,
      commit: str(provenance?.git_commit) ?? str(git?.commit) ?? str(provenance?.commit) ?? null,
      context,
      front,
      problems,
    },
  };
}

/**
 * Record a publish override in the card itself: an `override` block in the front matter
 * (other keys untouched, in order) and a closing section in the body, so anyone reading the
 * published card sees that a gate was overruled, by which decision, and why.
 */
export function addOverrideToCard(markdown: string, override: { decision: string; failureClass: string | null; reason: string }): string {
  const split = splitFrontMatter(markdown);
  if (!split) throw new Error('the card has no front matter');
  const doc = parseDocument(split.yaml, { uniqueKeys: false });
  const block: Record<string, unknown> = { decision: override.decision, reason: override.reason };
  if (override.failureClass) block.failure_class = override.failureClass;
  doc.set('override', doc.createNode(block));
  const yaml = doc.toString({ lineWidth: 0 }).replace(/\n$/, '');
  const section = [
    '## Override',
    '',
    `Published over a **${override.decision}** decision${override.failureClass ? ` (${override.failureClass})` : ''}.`,
    '',
    `Reason: ${override.reason.replace(/\s+/g, ' ').trim()}`,
    '',
  ].join('\n');
  const body = split.body.replace(/\s*$/, '\n');
  return `---\n${yaml}\n---\n${body}\n${section}`;
}
