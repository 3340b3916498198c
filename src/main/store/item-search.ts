/**
 * What an items text search means (issue 18), and the SQL that answers it.
 *
 * A query with a letter or digit in it is a word search, answered by the word index
 * (migration 10): an item matches when the query's words appear, in that order and next to
 * each other, in its id or in one of its texts, in any case; the last word may be the start
 * of a longer word ("refund" finds "refunds", "payroll out" finds "payroll outage"). Words
 * are runs of letters and digits (Unicode); everything else only separates them, so
 * "item-99" finds "item-990" and "item 99", and "a_prize" finds "a prize". Accents count
 * ("cafe" does not find "café"). A piece inside a word is not found: "voice" does not find
 * "invoice".
 *
 * A query with no letter or digit at all ("%", "->", an emoji) has no words to look up: it
 * keeps the old meaning, a case-insensitive (ASCII) substring of the id or a text, answered
 * by scanning the run's excerpts (slow on a large run; see bench/items.bench.ts).
 */

/** Letters, digits and private-use characters: what the unicode61 tokenizer keeps in a word. */
const WORD_CHAR = /[\p{L}\p{N}\p{Co}]/u;

/** The columns a search looks in, as the store names them. */
export const SEARCHED_COLUMNS = ['item_id', 'input', 'target', 'output', 'explanation', 'error'] as const;

export function isWordSearch(text: string): boolean {
  return WORD_CHAR.test(text);
}

/** `%`, `_` and the escape itself taken literally in a LIKE pattern. */
function likePattern(s: string): string {
  return `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The WHERE part (on run_items) for a search text, already trimmed and not empty. `rows` are
 * the first and last row of the run: its items are written in one transaction, so the index
 * reads only the run's stretch of each word's list, not every run's.
 */
export function searchClause(text: string, rows: { lo: number; hi: number }): { sql: string; params: unknown[] } {
  if (isWordSearch(text)) {
    // One quoted string: FTS5 splits it with the same tokenizer as the texts, and the `*`
    // after it makes its last word a prefix. A `"` in the text is doubled, so nothing in the
    // text is read as query syntax.
    return {
      sql: 'id IN (SELECT rowid FROM run_items_search WHERE run_items_search MATCH ? AND rowid BETWEEN ? AND ?)',
      params: [`"${text.replace(/"/g, '""')}" *`, rows.lo, rows.hi],
    };
  }
  const p = likePattern(text);
  return { sql: `(${SEARCHED_COLUMNS.map((c) => `${c} LIKE ? ESCAPE '\\'`).join(' OR ')})`, params: SEARCHED_COLUMNS.map(() => p) };
}
