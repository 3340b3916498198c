/**
 * What an items text search means (issue 18), and the SQL that answers it.
 *
 * A query with a letter or digit in it is a word search, answered by the word index
 * (migration 10): an item matches when each word of the query is the start of a word in its
 * id or one of its texts (any of them, in any order), in any case: "refund" finds "refunds",
 * "payroll out" finds "outage of payroll". Words are runs of letters and digits (Unicode);
 * everything else only separates them, so "item-99" finds "item-990" and "99 item", and
 * "a_prize" finds "a prize". Accents count ("cafe" does not find "café"). A piece inside a
 * word is not found: "voice" does not find "invoice".
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

/** The query's words, as the tokenizer splits them (separators are everything but letters and digits). */
export function queryWords(text: string): string[] {
  return text.split(/[^\p{L}\p{N}\p{Co}]+/u).filter((w) => w !== '');
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
    // Each word quoted (a word holds no `"`: it is a separator) and made a prefix; FTS5 ANDs them.
    return {
      sql: 'id IN (SELECT rowid FROM run_items_search WHERE run_items_search MATCH ? AND rowid BETWEEN ? AND ?)',
      params: [queryWords(text).map((w) => `"${w}"*`).join(' AND '), rows.lo, rows.hi],
    };
  }
  const p = likePattern(text);
  return { sql: `(${SEARCHED_COLUMNS.map((c) => `${c} LIKE ? ESCAPE '\\'`).join(' OR ')})`, params: SEARCHED_COLUMNS.map(() => p) };
}
