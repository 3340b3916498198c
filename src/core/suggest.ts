/**
 * "Did you mean …?" for names a person typed: a gate's metric in greenlight.yaml, a
 * `--metric` override. Edit distance (Levenshtein, with adjacent transpositions counted as
 * one edit, so `acurracy` is one slip from `accuracy`) against the names that exist.
 */

export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  if (m === 0) return n;
  if (n === 0) return m;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = new Array<number>(n + 1);
    cur[0] = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, (prev2[j - 2] as number) + 1);
      cur[j] = d;
    }
    prev2 = prev;
    prev = cur;
  }
  return prev[n] as number;
}

/** A slip, not a different name: at most 2 edits, and fewer than a third of the name. */
export function closeEnough(typed: string, known: string): boolean {
  const d = editDistance(typed.toLowerCase(), known.toLowerCase());
  return d > 0 && d <= 2 && d <= Math.max(1, Math.floor(Math.max(typed.length, known.length) / 3));
}

/** The closest known name to `typed`, when it is close enough to be a typo. */
export function didYouMean(typed: string, known: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of known) {
    if (!closeEnough(typed, k)) continue;
    const d = editDistance(typed.toLowerCase(), k.toLowerCase());
    if (d < bestD || (d === bestD && best !== undefined && k < best)) {
      best = k;
      bestD = d;
    }
  }
  return best;
}
