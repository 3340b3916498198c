/**
 * The sample-size planner (issue 16): how many items this regression gate, as configured,
 * needs so that it fails a candidate whose true drop is D (`significance`) or passes a
 * candidate that is truly as good as the baseline (`noninferiority`) with the given power.
 * Power is that of the real gate: `regressionGate` is asked about every outcome that matters —
 * exactly, by enumerating both sides' binomial counts, for independent samples; by seeded draws
 * of the paired 2×2 table for paired items. So the answer follows the gate's interval, whatever
 * it is. With repeats the normal approximation gives the items needed at each number of epochs,
 * and with clusters the design effect multiplies the items.
 */
import type { Metric } from '../metric';
import { binomialSupport, mulberry32, normalPower, normalSampleSize, smallestN } from '../stats';
import { regressionGate, type RegressionSettings } from './regression';

export type PlanMode = 'significance' | 'noninferiority';

export interface PlanInput {
  settings: RegressionSettings & { mode: PlanMode; tolerance: number };
  /** The baseline's pass rate (0–1). */
  baselineRate: number;
  /** The true drop to detect (significance only); default twice the tolerance (0.05 when the tolerance is 0). */
  detect?: number;
  /** Default 0.8. */
  power?: number;
  /** Paired items: the share of items on which two releases differed (their discordance). */
  paired?: { discordance: number };
  /**
   * Repeats: per-item variance between items and within an item across epochs (0–1 outcomes),
   * and the epochs the gate runs. Independent sides: the normal model Var = 2·(between + within/k).
   * Paired items (the previous two releases share items): `changeVariance` is the variance of the
   * true per-item change between releases (τ²), and the paired difference of item means has
   * Var = τ² + 2·within/k — the items' shared difficulty cancels, only their change and the
   * epoch noise remain.
   */
  epochs?: { betweenVariance: number; withinVariance: number; k: number; changeVariance?: number };
  /** With cluster_by: the design effect measured on the baseline. */
  designEffect?: number;
  /** Seeded draws for paired power (default 4000). */
  draws?: number;
  seed?: number;
  maxN?: number;
  /** Use the normal approximation only (instant; for hints beside a gate). */
  approximate?: boolean;
  /** The items the gate has now: the plan also gives the power there. */
  currentN?: number;
}

export interface Plan {
  mode: PlanMode;
  /** Items per side the gate needs (after the design effect); null when even maxN is not enough. */
  n: number | null;
  /** Independent items (before the design effect). */
  nIndependent: number | null;
  /** The gate's power at n (exact or by draws), and at 0.7·n. */
  power: number | null;
  powerAt70: number | null;
  target: number;
  detect: number;
  method: 'exact enumeration' | 'seeded draws' | 'normal approximation';
  designEffect: number;
  /** The power at currentN (independent items; before the design effect). */
  powerNow?: number;
  /** Items needed at 1…5 epochs (with repeats). */
  byEpochs?: Array<{ epochs: number; n: number }>;
  /** One sentence for the console and the CLI. */
  words: string;
}

const EXACT_LIMIT = 4000;

function defaultDetect(tol: number): number {
  return tol > 0 ? 2 * tol : 0.05;
}

function metric(x: number, n: number, items?: Record<string, number>): Metric {
  return { name: 'm', value: n > 0 ? x / n : 0, n, successes: x, scale: 1, higherIsBetter: true, ...(items ? { items } : {}) };
}

/** Does the gate do what the plan wants on this outcome: fail (significance) or pass (noninferiority)? */
function wanted(s: PlanInput['settings'], b: Metric, c: Metric): boolean {
  const g = regressionGate('plan', { ...s, metric: 'm', metrics: undefined, required: false, cluster_by: undefined }, 'plan', { metrics: [c] }, { metrics: [b] });
  return s.mode === 'significance' ? g.status === 'fail' && g.failure_class === null : g.status === 'pass';
}

/**
 * Exact power for two independent binomial sides of n items. For a fixed baseline count the
 * outcomes the gate wants form one run of candidate counts (fewer successes → a larger drop →
 * a fail; more → a pass, up to an implausible gain), so each run is found by bisection.
 */
export function independentPower(s: PlanInput['settings'], p: number, drop: number, n: number): number {
  const sb = binomialSupport(n, p, 1e-10);
  const sc = binomialSupport(n, Math.max(0, Math.min(1, p - drop)), 1e-10);
  const prefix = new Float64Array(sc.length + 1);
  sc.forEach(([, pc], i) => (prefix[i + 1] = (prefix[i] as number) + pc));
  let modeAt = 0;
  sc.forEach(([, pc], i) => {
    if (pc > (sc[modeAt] as [number, number])[1]) modeAt = i;
  });
  let power = 0;
  for (const [xb, pb] of sb) {
    const bm = metric(xb, n);
    const ok = (i: number): boolean => wanted(s, bm, metric((sc[i] as [number, number])[0], n));
    const last = sc.length - 1;
    const seedAt = ok(modeAt) ? modeAt : ok(0) ? 0 : ok(last) ? last : -1;
    if (seedAt < 0) continue;
    // Widen from seedAt to both ends of the run.
    let a = 0;
    let b = seedAt;
    if (ok(0)) b = 0;
    while (b - a > 1) {
      const mid = (a + b) >> 1;
      if (ok(mid)) b = mid;
      else a = mid;
    }
    const first = ok(a) ? a : b;
    a = seedAt;
    b = last;
    if (ok(last)) a = last;
    while (b - a > 1) {
      const mid = (a + b) >> 1;
      if (ok(mid)) a = mid;
      else b = mid;
    }
    const end = ok(b) ? b : a;
    power += pb * ((prefix[end + 1] as number) - (prefix[first] as number));
  }
  return power;
}

/** Power for paired items by seeded draws of the 2×2 table: lost = (ψ + D)/2, gained = (ψ − D)/2. */
export function pairedPower(s: PlanInput['settings'], p: number, discordance: number, drop: number, n: number, draws = 4000, seed = 1): number {
  const lost = Math.min(p, Math.max(drop, (discordance + drop) / 2));
  const gained = Math.max(0, Math.min(1 - p, lost - drop));
  const ids = Array.from({ length: n }, (_, i) => `i${i}`);
  const bi: Record<string, number> = {};
  const ci: Record<string, number> = {};
  const rand = mulberry32(seed + n * 7919);
  let hits = 0;
  for (let d = 0; d < draws; d++) {
    let xb = 0;
    let xc = 0;
    for (const id of ids) {
      const u = rand();
      // both pass | lost | gained | neither
      const b = u < p ? 1 : 0;
      const c = u < p - lost ? 1 : u < p ? 0 : u < p + gained ? 1 : 0;
      bi[id] = b;
      ci[id] = c;
      xb += b;
      xc += c;
    }
    if (wanted(s, metric(xb, n, bi), metric(xc, n, ci))) hits++;
  }
  return hits / draws;
}

export function planGate(input: PlanInput): Plan {
  const s = input.settings;
  const tol = s.tolerance;
  const target = input.power ?? 0.8;
  const p = input.baselineRate;
  const detect = s.mode === 'significance' ? (input.detect ?? defaultDetect(tol)) : 0;
  const deff = input.designEffect !== undefined && input.designEffect > 1 ? input.designEffect : 1;
  const maxN = input.maxN ?? 100_000;
  const gap = s.mode === 'significance' ? detect - tol : tol;
  const q = Math.max(0, Math.min(1, p - detect));
  const epochVariance = (k: number): number => {
    const e = input.epochs!;
    return e.changeVariance !== undefined ? Math.max(1e-6, e.changeVariance + (2 * e.withinVariance) / k) : 2 * (e.betweenVariance + e.withinVariance / k);
  };
  const unitVariance = input.epochs ? epochVariance(input.epochs.k) : input.paired ? Math.max(input.paired.discordance, detect, 1e-6) : p * (1 - p) + q * (1 - q);
  const base: Omit<Plan, 'n' | 'nIndependent' | 'power' | 'powerAt70' | 'method' | 'words'> = { mode: s.mode, target, detect, designEffect: deff };
  const what =
    s.mode === 'significance'
      ? `to fail a true ${pts(detect)}-point drop with ${Math.round(target * 100)}% power (tolerance ${pts(tol)} points, alpha ${s.alpha})`
      : `to pass a candidate truly as good as the baseline with ${Math.round(target * 100)}% power (tolerance ${pts(tol)} points, alpha ${s.alpha})`;
  if (!(gap > 0)) {
    const why = s.mode === 'significance' ? `a significance gate with tolerance ${pts(tol)} points fails a drop of ${pts(detect)} points at most alpha/2 of the time at any n: choose a drop larger than the tolerance` : 'a noninferiority gate with tolerance 0 never passes a candidate that is truly equal: give it a tolerance';
    return { ...base, n: null, nIndependent: null, power: null, powerAt70: null, method: 'normal approximation', words: why };
  }
  const guess = Math.max(2, normalSampleSize(unitVariance, gap, s.alpha, target));
  let method: Plan['method'];
  let powerAt: (n: number) => number;
  if (input.approximate) {
    method = 'normal approximation';
    powerAt = (n) => normalPower(unitVariance, gap, s.alpha, n);
  } else if (input.epochs) {
    // The gate bootstraps paired item means (or takes their stderr): its power follows the normal model closely (bench/statistics.bench.ts checks it).
    method = 'normal approximation';
    powerAt = (n) => normalPower(unitVariance, gap, s.alpha, n);
  } else if (input.paired) {
    method = 'seeded draws';
    const disc = input.paired.discordance;
    powerAt = (n) => (n > EXACT_LIMIT ? normalPower(unitVariance, gap, s.alpha, n) : pairedPower(s, p, disc, detect, n, input.draws, input.seed));
  } else {
    method = 'exact enumeration';
    powerAt = (n) => (n > EXACT_LIMIT ? normalPower(unitVariance, gap, s.alpha, n) : independentPower(s, p, detect, n));
  }
  const cache = new Map<number, number>();
  const cached = (n: number): number => {
    let v = cache.get(n);
    if (v === undefined) cache.set(n, (v = powerAt(n)));
    return v;
  };
  let hi = Math.min(maxN, Math.ceil(guess * 1.6) + 10);
  while (cached(hi) < target && hi < maxN) hi = Math.min(maxN, hi * 2);
  const found = smallestN(cached, target, Math.max(2, Math.floor(guess * 0.6)), hi);
  if (guess > EXACT_LIMIT && method !== 'normal approximation') method = 'normal approximation';
  const byEpochs = input.epochs
    ? [1, 2, 3, 4, 5].map((k) => ({ epochs: k, n: Math.ceil(normalSampleSize(epochVariance(k), gap, s.alpha, target) * deff) }))
    : undefined;
  if (!found) {
    return { ...base, n: null, nIndependent: null, power: cached(hi), powerAt70: null, method, ...(byEpochs ? { byEpochs } : {}), words: `${what}: more than ${maxN} items would be needed` };
  }
  const n = Math.ceil(found.n * deff);
  const powerNow = input.currentN !== undefined && input.currentN >= 2 ? cached(Math.max(2, Math.floor(input.currentN / deff))) : undefined;
  const at70 = cached(Math.max(2, Math.floor(0.7 * found.n)));
  const clusters = deff > 1 ? ` (${found.n} independent items × design effect ${deff.toFixed(2)})` : '';
  return {
    ...base,
    n,
    nIndependent: found.n,
    power: found.power,
    powerAt70: at70,
    method,
    ...(byEpochs ? { byEpochs } : {}),
    ...(powerNow !== undefined ? { powerNow } : {}),
    words: `${what} you need about ${n} items per side${clusters}${input.epochs ? ` at ${input.epochs.k} epochs${input.epochs.changeVariance !== undefined ? ', paired with the previous release item by item' : ''}` : ''}; power there ${pct(found.power)}, at 0.7 of it ${pct(at70)}${powerNow !== undefined ? `; with the ${input.currentN} items now, ${pct(powerNow)}` : ''} (${method})`,
  };
}

const pts = (x: number): string => String(Math.round(x * 1000) / 10);
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
