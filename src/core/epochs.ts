/**
 * One shape for repeated runs, however they arrive: `repeats: k` on an eval (k epochs in one
 * run), several result files of one version on import, or an Inspect log with epochs. Each
 * item's epochs are averaged before any standard error (Miller 2024, arXiv 2411.00640: the
 * item is the unit; N·k outcomes are not N·k independent draws), the run-to-run spread is kept
 * beside the metric, and pass/fail items get pass@k and pass^k.
 */
import type { Metric } from './metric';
import { itemMeanStderr, passKSummary, reduceEpochs, runSpread, type EpochOutcome } from './stats';

export interface ItemOutcome {
  id: string;
  /** 1-based epoch; absent means epoch 1. */
  epoch?: number;
  value: number;
  /** Scalar fields the artefact's item carries (category, passage id…), for `cluster_by`. */
  fields?: Record<string, string>;
}

/** An item's scalar fields (strings, finite numbers, booleans) as strings, leaving out `skip` keys. */
export function scalarFields(item: Record<string, unknown>, skip: ReadonlySet<string> = new Set()): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(item)) {
    if (skip.has(k)) continue;
    if (typeof v === 'string' && v.length <= 200) out[k] = v;
    else if ((typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean') out[k] = String(v);
  }
  return Object.keys(out).length ? out : undefined;
}

export type ItemShape = Pick<Metric, 'items' | 'epochs' | 'itemFields' | 'runSpread' | 'passK'>;

/** Per-item outcomes (possibly several epochs each) as a metric's item fields. */
export function itemShape(outcomes: readonly ItemOutcome[]): ItemShape {
  if (outcomes.length === 0) return {};
  const reduced = reduceEpochs(outcomes.map((o): EpochOutcome => ({ id: o.id, epoch: o.epoch ?? 1, value: o.value })));
  const out: ItemShape = { items: reduced.means };
  const itemFields: Record<string, Record<string, string>> = {};
  for (const o of outcomes) {
    for (const [k, v] of Object.entries(o.fields ?? {})) (itemFields[k] ??= {})[o.id] = v;
  }
  if (Object.keys(itemFields).length) out.itemFields = itemFields;
  if (reduced.k > 1) Object.assign(out, epochShape(reduced.epochs, reduced.k));
  return out;
}

function epochShape(epochs: Record<string, number[]>, k: number): ItemShape {
  const spread = runSpread(epochs, k);
  const pk = passKSummary(epochs, k);
  return {
    epochs,
    runSpread: { k, per_epoch: spread.perEpoch, sd: Number.isFinite(spread.sd) ? spread.sd : null },
    ...(pk ? { passK: { k, pass_at_k: pk.passAtK, pass_hat_k: pk.passHatK } } : {}),
  };
}

/**
 * Several runs of the same version (epoch i = runs[i]) as one set of metrics. A metric with
 * per-item outcomes in every run is rebuilt from the items: value = mean of item means (on the
 * metric's scale), n = items, stderr over item means, no `successes` (a mean of epochs is not
 * a count). A metric without items is the mean of its values with the spread kept. A metric
 * missing from some run is left out and named in `problems`.
 */
export function combineEpochs(runs: ReadonlyArray<readonly Metric[]>): { metrics: Metric[]; problems: string[] } {
  if (runs.length <= 1) return { metrics: [...(runs[0] ?? [])], problems: [] };
  const k = runs.length;
  const byName = new Map<string, Metric[]>();
  runs.forEach((ms) => {
    for (const m of ms) {
      const list = byName.get(m.name) ?? [];
      list.push(m);
      byName.set(m.name, list);
    }
  });
  const metrics: Metric[] = [];
  const problems: string[] = [];
  for (const [name, list] of byName) {
    if (list.length !== k) {
      problems.push(`${name}: in ${list.length} of ${k} runs — left out of the combined result`);
      continue;
    }
    const first = list[0] as Metric;
    const values = list.map((m) => m.value);
    if (values.some((v) => v === null)) {
      metrics.push({ ...first, value: null, invalid: list.find((m) => m.value === null)?.invalid ?? 'missing' });
      continue;
    }
    const nums = values as number[];
    const mean = nums.reduce((s, v) => s + v, 0) / k;
    const sd = Math.sqrt(nums.reduce((s, v) => s + (v - mean) ** 2, 0) / (k - 1));
    const spread = { k, per_epoch: nums, sd };
    const { items: _i, successes: _s, stderr: _e, ci95: _c, epochs: _ep, runSpread: _r, passK: _p, ...rest } = first;
    if (list.every((m) => m.items && Object.keys(m.items).length > 0)) {
      const epochs: Record<string, number[]> = {};
      list.forEach((m) => {
        for (const [id, v] of Object.entries(m.items as Record<string, number>)) (epochs[id] ??= []).push(v);
      });
      const shape = epochShape(epochs, k);
      const items: Record<string, number> = {};
      for (const [id, vs] of Object.entries(epochs)) items[id] = vs.reduce((s, v) => s + v, 0) / vs.length;
      const itemValues = Object.values(items);
      const itemMean = itemValues.reduce((s, v) => s + v, 0) / itemValues.length;
      // The items stand for the metric when their mean is its value (on the 0–1 or the metric's scale);
      // otherwise (items of another quantity) the value stays the mean of the runs' values.
      const unit = [1, first.scale ?? 1].find((u) => list.every((m) => Math.abs(meanOf(Object.values(m.items as Record<string, number>)) * u - (m.value as number)) < 1e-6 * Math.max(1, u)));
      const missing = Object.values(epochs).filter((vs) => vs.length < k).length;
      if (missing) problems.push(`${name}: ${missing} item${missing === 1 ? '' : 's'} missing from some runs (their mean is over the runs that have them)`);
      const itemFields = mergeFields(list);
      metrics.push({
        ...rest,
        value: unit === undefined ? mean : itemMean * unit,
        n: itemValues.length,
        ...(unit === undefined ? {} : { stderr: itemMeanStderr(items) * unit }),
        items,
        ...shape,
        runSpread: spread,
        ...(itemFields ? { itemFields } : {}),
        note: [first.note, `mean over ${k} runs, items reduced per item before the standard error`].filter(Boolean).join('; '),
      });
    } else {
      // A zero spread over a few runs is no evidence of zero uncertainty: no stderr then.
      metrics.push({ ...rest, value: mean, runSpread: spread, ...(sd > 0 ? { stderr: sd / Math.sqrt(k) } : {}), note: [first.note, `mean over ${k} runs (no per-item outcomes: stderr from the runs' spread)`].filter(Boolean).join('; ') });
    }
  }
  return { metrics, problems };
}

function meanOf(v: readonly number[]): number {
  return v.reduce((s, x) => s + x, 0) / v.length;
}

function mergeFields(list: readonly Metric[]): Metric['itemFields'] {
  const out: Record<string, Record<string, string>> = {};
  for (const m of list) for (const [f, map] of Object.entries(m.itemFields ?? {})) Object.assign((out[f] ??= {}), map);
  return Object.keys(out).length ? out : undefined;
}

/**
 * The metrics of a run's loaded artefacts. Several artefacts of one kind that report the same
 * metrics are epochs of one version (`repeats: k`, or several result files imported together):
 * they are combined item by item instead of the last file silently winning.
 */
export function metricsOfArtefacts(artefacts: ReadonlyArray<{ kind: string; file: string; metrics: readonly Metric[] }>): { metrics: Metric[]; notes: string[] } {
  const byKind = new Map<string, Array<{ file: string; metrics: readonly Metric[] }>>();
  for (const a of artefacts) {
    const list = byKind.get(a.kind) ?? [];
    list.push(a);
    byKind.set(a.kind, list);
  }
  const out = new Map<string, Metric>();
  const notes: string[] = [];
  for (const [kind, list] of byKind) {
    const names = list.map((a) => new Set(a.metrics.map((m) => m.name)));
    const shared = list.length > 1 && [...(names[0] ?? [])].some((n) => names.slice(1).every((s) => s.has(n)));
    if (!shared) {
      for (const a of list) for (const m of a.metrics) out.set(m.name, m);
      continue;
    }
    const combined = combineEpochs(list.map((a) => a.metrics));
    notes.push(`${list.length} ${kind} artefacts combined as ${list.length} epochs of one version (items averaged per item before any standard error)`);
    notes.push(...combined.problems.map((p) => `warning: ${p}`));
    for (const m of combined.metrics) out.set(m.name, m);
  }
  return { metrics: [...out.values()], notes };
}
