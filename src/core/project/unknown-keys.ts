/**
 * Top-level keys no section of `greenlight.yaml` reads: kept (a newer Greenlight may read
 * them), but a warning, with the nearest known key when it looks like a typo (`gate:` →
 * `gates`), since a misspelt section is otherwise silently ignored.
 */
import type { Problem } from '../errors';
import { isRecord } from '../util';
import type { Locator } from './locate';
import { PROJECT_FILE_KEYS } from './schema';

/** Optimal string alignment distance (Damerau–Levenshtein with adjacent swaps). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/** The known name nearest to `name`, when near enough to be a typo of it. */
export function didYouMean(name: string, known: readonly string[]): string | null {
  const lower = name.toLowerCase();
  let best: { key: string; d: number } | null = null;
  for (const k of known) {
    const d = editDistance(lower, k.toLowerCase());
    if (!best || d < best.d) best = { key: k, d };
  }
  if (!best) return null;
  const limit = Math.max(1, Math.min(3, Math.floor(best.key.length / 3)));
  return best.d <= limit ? best.key : null;
}

export function unknownKeyWarnings(doc: unknown, file: string | undefined, where?: Locator): Problem[] {
  if (!isRecord(doc)) return [];
  return Object.keys(doc)
    .filter((k) => !PROJECT_FILE_KEYS.includes(k))
    .map((k) => {
      const near = didYouMean(k, PROJECT_FILE_KEYS);
      const line = where?.lineOf([k]);
      return {
        file,
        ...(line !== undefined ? { line } : {}),
        path: k,
        message: `unknown section, ignored${near ? `; did you mean ${near}?` : ''} (known: ${PROJECT_FILE_KEYS.join(', ')})`,
      };
    });
}
