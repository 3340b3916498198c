/**
 * Splitting a SCORECARD.md into its YAML front matter and its body, with no YAML parsing (so the
 * renderer can use it without pulling in `yaml`). The card opens with a `---` line (a leading BOM
 * is allowed); the front matter closes at the next `---` or `...` line.
 */

/** The opening `---` line of front matter (optionally after a BOM). */
export const FRONT_MATTER_OPEN = /^\uFEFF?---[ \t]*\r?\n/;

/** The front matter's YAML text (which starts on line 2 of the card) and the body after it; null when there is no closed front matter. */
export function splitFrontMatter(text: string): { yaml: string; body: string } | null {
  const open = FRONT_MATTER_OPEN.exec(text);
  if (!open) return null;
  const rest = text.slice(open[0].length);
  const close = /^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/m.exec(rest);
  if (!close) return null;
  return { yaml: rest.slice(0, close.index), body: rest.slice(close.index + close[0].length) };
}
