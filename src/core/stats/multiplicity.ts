/**
 * Many gates judged at once. Holm (1979, "A simple sequentially rejective multiple test
 * procedure", Scand. J. Statist. 6:65–70) controls the family-wise error rate at alpha for any
 * dependence between the tests; Benjamini & Hochberg (1995, JRSS B 57:289–300) control the
 * false discovery rate and give q-values for gates that only advise.
 */

/** Holm-adjusted p-values: p̃(i) = max over j ≤ i of min(1, (m − j + 1)·p(j)), in input order. */
export function holmAdjust(p: readonly number[]): number[] {
  const m = p.length;
  const order = p.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const out = new Array<number>(m);
  let running = 0;
  order.forEach(([v, i], rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * v));
    out[i] = running;
  });
  return out;
}

/** Benjamini–Hochberg q-values: q(i) = min over j ≥ i of min(1, m·p(j)/j), in input order. */
export function bhAdjust(p: readonly number[]): number[] {
  const m = p.length;
  const order = p.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const out = new Array<number>(m);
  let running = 1;
  for (let rank = m - 1; rank >= 0; rank--) {
    const [v, i] = order[rank] as readonly [number, number];
    running = Math.min(running, Math.min(1, (m * v) / (rank + 1)));
    out[i] = running;
  }
  return out;
}

/**
 * Holm's step-down procedure run on tests that can only be asked "do you reject at level a?"
 * (an interval-based gate has no p-value of its own, but it is monotone in a). Step r (r
 * rejected so far) asks every remaining test at alpha/(m − r); all that reject are rejected
 * (they would be at the later, larger levels too); the first step with none ends it. Each test
 * gets the level it was last judged at: its `alphaAdjusted`. Same decisions as holmAdjust on the
 * tests' p-values, without computing any.
 */
export function holmStepDown(m: number, alpha: number, rejectsAt: (index: number, level: number) => boolean): { rejected: boolean[]; alphaAdjusted: number[] } {
  const rejected = new Array<boolean>(m).fill(false);
  const alphaAdjusted = new Array<number>(m).fill(alpha / Math.max(1, m));
  let r = 0;
  while (r < m) {
    const level = alpha / (m - r);
    const now: number[] = [];
    for (let i = 0; i < m; i++) {
      if (rejected[i]) continue;
      alphaAdjusted[i] = level;
      if (rejectsAt(i, level)) now.push(i);
    }
    if (now.length === 0) break;
    for (const i of now) rejected[i] = true;
    r += now.length;
  }
  return { rejected, alphaAdjusted };
}

/**
 * `holmStepDown` asking a step's remaining tests all at once: `rejectAt(level, remaining, out)`
 * pushes onto `out` each index j with `remaining[j] === 1` that rejects at `level`. For tests
 * judged in groups (a gate's 10,000 metrics are answered by one evaluation of the gate) this
 * is one call per step instead of one per test (issue 14). Same decisions and levels.
 */
export function holmStepDownBatched(m: number, alpha: number, rejectAt: (level: number, remaining: Uint8Array, out: number[]) => void): { rejected: Uint8Array; alphaAdjusted: Float64Array } {
  const remaining = new Uint8Array(m).fill(1);
  const alphaAdjusted = new Float64Array(m).fill(alpha / Math.max(1, m));
  let r = 0;
  while (r < m) {
    const level = alpha / (m - r);
    for (let i = 0; i < m; i++) if (remaining[i] === 1) alphaAdjusted[i] = level;
    const now: number[] = [];
    rejectAt(level, remaining, now);
    if (now.length === 0) break;
    for (const i of now) remaining[i] = 0;
    r += now.length;
  }
  const rejected = new Uint8Array(m);
  for (let i = 0; i < m; i++) rejected[i] = 1 - (remaining[i] as number);
  return { rejected, alphaAdjusted };
}

/**
 * The smallest level at which a monotone test rejects (its p-value), by bisection on
 * [lo, hi]: 1 when it does not reject even at hi.
 */
export function pValueByBisection(rejectsAt: (level: number) => boolean, lo = 1e-8, hi = 0.999999, steps = 40): number {
  if (!rejectsAt(hi)) return 1;
  if (rejectsAt(lo)) return lo;
  let a = lo;
  let b = hi;
  for (let i = 0; i < steps; i++) {
    const mid = Math.sqrt(a * b); // p-values span decades: bisect in log space
    if (rejectsAt(mid)) b = mid;
    else a = mid;
  }
  return b;
}
