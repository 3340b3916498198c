/**
 * Repeated runs of the same items (epochs). Miller 2024 (arXiv 2411.00640, §3.1): the unit of
 * the standard error is the item, so each item's epochs are averaged first and the standard
 * error is taken over the item means; treating N·k outcomes as independent would shrink it by
 * about √k while the items stay the same. The spread between whole runs is reported beside it,
 * and for pass/fail items pass@k (Chen et al. 2021, "Evaluating Large Language Models Trained on
 * Code", the unbiased estimator 1 − C(n−c, k)/C(n, k)) and pass^k (Yao et al. 2024, τ-bench:
 * C(c, k)/C(n, k), the chance that k tries all pass).
 */

export interface EpochOutcome {
  id: string;
  epoch: number;
  value: number;
}

export interface ReducedItems {
  /** id → mean over that item's epochs. */
  means: Record<string, number>;
  /** id → outcomes in epoch order. */
  epochs: Record<string, number[]>;
  /** The number of epochs seen (the largest per item). */
  k: number;
  /** Items with fewer epochs than k. */
  incomplete: string[];
}

/** Average each item's epochs; items keep their first-seen order. */
export function reduceEpochs(outcomes: readonly EpochOutcome[]): ReducedItems {
  const byId = new Map<string, Array<[number, number]>>();
  for (const o of outcomes) {
    let list = byId.get(o.id);
    if (!list) byId.set(o.id, (list = []));
    list.push([o.epoch, o.value]);
  }
  const means: Record<string, number> = {};
  const epochs: Record<string, number[]> = {};
  let k = 0;
  for (const [id, list] of byId) {
    list.sort((a, b) => a[0] - b[0]);
    const values = list.map(([, v]) => v);
    epochs[id] = values;
    means[id] = values.reduce((s, v) => s + v, 0) / values.length;
    k = Math.max(k, values.length);
  }
  const incomplete = Object.keys(epochs).filter((id) => (epochs[id] as number[]).length < k);
  return { means, epochs, k, incomplete };
}

export interface RunSpread {
  /** Each epoch's metric (the mean over items of that epoch). */
  perEpoch: number[];
  /** Sample standard deviation of perEpoch (NaN with one epoch). */
  sd: number;
  min: number;
  max: number;
}

/** How far whole runs land apart: the metric of each epoch, and their spread. */
export function runSpread(epochs: Record<string, readonly number[]>, k: number): RunSpread {
  const perEpoch: number[] = [];
  for (let e = 0; e < k; e++) {
    let s = 0;
    let c = 0;
    for (const values of Object.values(epochs)) {
      const v = values[e];
      if (v !== undefined) {
        s += v;
        c++;
      }
    }
    if (c > 0) perEpoch.push(s / c);
  }
  const m = perEpoch.reduce((s, v) => s + v, 0) / perEpoch.length;
  const sd = perEpoch.length > 1 ? Math.sqrt(perEpoch.reduce((s, v) => s + (v - m) ** 2, 0) / (perEpoch.length - 1)) : NaN;
  return { perEpoch, sd, min: Math.min(...perEpoch), max: Math.max(...perEpoch) };
}

/** Unbiased pass@k for one item with c passes in n tries: 1 − C(n−c, k)/C(n, k), as a stable product. */
export function passAtK(n: number, c: number, k: number): number {
  if (!(k >= 1 && k <= n) || c < 0 || c > n) return NaN;
  if (n - c < k) return 1;
  let miss = 1;
  for (let i = n - c + 1; i <= n; i++) miss *= 1 - k / i;
  return 1 - miss;
}

/** pass^k for one item with c passes in n tries: C(c, k)/C(n, k), the chance that k draws without replacement all pass. */
export function passHatK(n: number, c: number, k: number): number {
  if (!(k >= 1 && k <= n) || c < 0 || c > n) return NaN;
  if (c < k) return 0;
  let p = 1;
  for (let i = 0; i < k; i++) p *= (c - i) / (n - i);
  return p;
}

/** Mean pass@k and pass^k over items whose epochs are 0/1; null when any outcome is not 0/1 or an item has fewer than k epochs. */
export function passKSummary(epochs: Record<string, readonly number[]>, k: number): { passAtK: number; passHatK: number; items: number } | null {
  let at = 0;
  let hat = 0;
  let items = 0;
  for (const values of Object.values(epochs)) {
    if (values.length < k) return null;
    let c = 0;
    for (const v of values) {
      if (v !== 0 && v !== 1) return null;
      c += v;
    }
    at += passAtK(values.length, c, k);
    hat += passHatK(values.length, c, k);
    items++;
  }
  return items > 0 ? { passAtK: at / items, passHatK: hat / items, items } : null;
}

/** The standard error of the mean over items of their epoch means (the item is the unit). */
export function itemMeanStderr(means: Record<string, number>): number {
  const v = Object.values(means);
  const n = v.length;
  if (n < 2) return NaN;
  const m = v.reduce((s, x) => s + x, 0) / n;
  return Math.sqrt(v.reduce((s, x) => s + (x - m) ** 2, 0) / (n - 1) / n);
}
