/**
 * What an items text search means (issue 18), and the SQL pieces that answer it.
 *
 * A query with a letter or digit in it is a word search, answered by the word index
 * (migration 10): an item matches when each word of the query is the start of a word in its
 * id or one of its texts (any of them, in any order), in any case: "refund" finds "refunds",
 * "payroll out" finds "outage of payroll". Words are runs of letters and digits (Unicode, as
 * SQLite's unicode61 tokenizer classes them; item-words.ts); everything else only separates
 * them, so "item-99" finds "item-990" and "99 item", and "a_prize" finds "a prize". Accents
 * count ("cafe" does not find "café"). A piece inside a word is not found: "voice" does not
 * find "invoice". item-plan.ts picks how to answer it (the index, or testing a few rows);
 * every way finds the same items.
 *
 * A query with no letter or digit at all ("%", "->", an emoji) has no words to look up: it
 * keeps the old meaning, a case-insensitive (ASCII) substring of the id or a text, answered
 * by scanning the run's excerpts (slow on a large run; see bench/items.bench.ts).
 */
import { words } from './item-words';

/** The columns a search looks in, as the store names them. */
export const SEARCHED_COLUMNS = ['item_id', 'input', 'target', 'output', 'explanation', 'error'] as const;

/** The query's words, folded as the index folds them (none: not a word search). */
export function queryWords(text: string): string[] {
  return words(text);
}

export function isWordSearch(text: string): boolean {
  return queryWords(text).length > 0;
}

/** `%`, `_` and the escape itself taken literally in a LIKE pattern. */
function likePattern(s: string): string {
  return `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The WHERE part (on run_items) for a text with no word in it, already trimmed and not empty. */
export function likeClause(text: string): { sql: string; params: unknown[] } {
  const p = likePattern(text);
  return { sql: `(${SEARCHED_COLUMNS.map((c) => `${c} LIKE ? ESCAPE '\\'`).join(' OR ')})`, params: SEARCHED_COLUMNS.map(() => p) };
}

/**
 * A MATCH expression: each query word one group, ANDed; a group is the index's words that
 * start with it (exact words: FTS5 reads only the run's stretch of each, and stops at a page),
 * or the word as an FTS5 prefix query when it starts too many. A word holds no `"`.
 */
export function matchExpression(groups: Array<{ word: string; terms: string[] | null }>): string {
  return groups.map((g) => (g.terms === null ? `"${g.word}"*` : `(${g.terms.map((t) => `"${t}"`).join(' OR ')})`)).join(' AND ');
}
