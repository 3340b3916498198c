/**
 * Exact (conditional) McNemar test for paired binary outcomes: under H0 the discordant
 * pairs split Binomial(b + c, ½); two-sided p = min(1, 2·P(X ≤ min(b, c))). Computed in log
 * space so that tens of thousands of discordant pairs neither overflow nor underflow.
 */
export function mcnemarExact(onlyFirst: number, onlySecond: number): number {
  const b = Math.round(onlyFirst);
  const c = Math.round(onlySecond);
  const m = b + c;
  if (!(m > 0)) return 1;
  const k = Math.min(b, c);
  const ln2 = Math.LN2;
  let logC = 0; // log C(m, 0)
  let maxLog = -Infinity;
  const logs: number[] = [];
  for (let i = 0; i <= k; i++) {
    if (i > 0) logC += Math.log(m - i + 1) - Math.log(i);
    const l = logC - m * ln2;
    logs.push(l);
    if (l > maxLog) maxLog = l;
  }
  let sum = 0;
  for (const l of logs) sum += Math.exp(l - maxLog);
  const tail = Math.exp(maxLog + Math.log(sum));
  return Math.min(1, 2 * tail);
}
