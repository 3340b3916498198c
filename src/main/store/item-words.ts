/**
 * The items word index's words, found in JavaScript exactly as SQLite's unicode61 tokenizer
 * (remove_diacritics 0) finds them, so a search can test a few rows itself instead of asking
 * the index for every row holding a common word (see item-plan.ts).
 *
 * What each code point is — a word character, one of the diacritics unicode61 keeps inside
 * a word but never starts one with, or a separator — and how it folds come from SQLite
 * itself (scripts/build-unicode61.mjs, checked against the bundled SQLite by a test).
 * A word is a maximal run: a word character, then word characters or those diacritics.
 * Lone surrogates are separators (SQLite reads their bytes as U+FFFD, a separator).
 */
import { FOLDS, WORD_CONTINUES_ONLY, WORD_STARTS } from './unicode61.generated';

const SEP = 0;
const START = 1;
const CONTINUE = 2;

interface Tables {
  bmpClass: Uint8Array;
  bmpFold: Uint16Array;
  astralFold: Map<number, number>;
}
let tables: Tables | undefined;

/** Tables for the Basic Multilingual Plane (192 KB), built on the first search. */
function load(): Tables {
  if (tables) return tables;
  const bmpClass = new Uint8Array(0x10000);
  const bmpFold = new Uint16Array(0x10000);
  for (let c = 0; c < 0x10000; c++) bmpFold[c] = c;
  const astralFold = new Map<number, number>();
  const mark = (ranges: number[], v: number): void => {
    for (let i = 0; i < ranges.length; i += 2) for (let c = ranges[i]!; c <= ranges[i + 1]! && c < 0x10000; c++) bmpClass[c] = v;
  };
  mark(WORD_STARTS, START);
  mark(WORD_CONTINUES_ONLY, CONTINUE);
  for (let i = 0; i < FOLDS.length; i += 4) {
    const [first, count, delta, step] = [FOLDS[i]!, FOLDS[i + 1]!, FOLDS[i + 2]!, FOLDS[i + 3]!];
    for (let k = 0; k < count; k++) {
      const c = first + k * step;
      if (c < 0x10000) bmpFold[c] = c + delta;
      else astralFold.set(c, c + delta);
    }
  }
  tables = { bmpClass, bmpFold, astralFold };
  return tables;
}

/** Binary search in [first, last] pairs. */
function inRanges(ranges: number[], c: number): boolean {
  let lo = 0;
  let hi = ranges.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (c < ranges[mid * 2]!) hi = mid - 1;
    else if (c > ranges[mid * 2 + 1]!) lo = mid + 1;
    else return true;
  }
  return false;
}

/**
 * The text with each word folded and every separator a space: a word of the text starts with
 * w exactly when ` ${w}` occurs in ` ${folded}` (a folded word holds no space).
 */
export function foldWords(text: string): string {
  const t = load();
  const out = new Uint16Array(text.length);
  let n = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    let cls: number;
    let f: number;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      c = 0x10000 + ((c - 0xd800) << 10) + (text.charCodeAt(i + 1) - 0xdc00);
      i++;
      cls = inRanges(WORD_STARTS, c) ? START : SEP;
      f = t.astralFold.get(c) ?? c;
    } else {
      cls = t.bmpClass[c]!;
      f = t.bmpFold[c]!;
    }
    if (cls === START || (cls === CONTINUE && inWord)) {
      if (f < 0x10000) out[n++] = f;
      else {
        // An astral letter: its two UTF-16 units.
        out[n++] = 0xd800 + ((f - 0x10000) >> 10);
        out[n++] = 0xdc00 + ((f - 0x10000) & 0x3ff);
      }
      inWord = true;
    } else {
      if (inWord) out[n++] = 0x20;
      inWord = false;
    }
  }
  let s = '';
  for (let i = 0; i < n; i += 8192) s += String.fromCharCode(...out.subarray(i, Math.min(n, i + 8192)));
  return s;
}

/** Only ASCII: its words are runs of [0-9A-Za-z], folded by lower-casing. */
const ASCII = /^[^\u0080-\uffff]*$/;
const ASCII_WORD = /^[0-9a-z]+$/;
const starters = new Map<string, RegExp>();
/** `w` at a word start of an ASCII text, any case (w is a folded ASCII word). */
function asciiStarter(w: string): RegExp {
  let r = starters.get(w);
  if (!r) {
    if (starters.size > 256) starters.clear();
    r = new RegExp(`(?<![0-9A-Za-z])${w}`, 'i');
    starters.set(w, r);
  }
  return r;
}

/** The words of a text, folded, in order (the query's words; the tests' view of an item). */
export function words(text: string): string[] {
  return foldWords(text).split(' ').filter((w) => w !== '');
}

/**
 * The index cuts a word at 32,768 bytes (FTS5_MAX_TOKEN_SIZE), query words too; a query word
 * that long is left to the index, which cuts both the same way.
 */
export const MAX_WORD_BYTES = 32_768;

/** Every query word (folded) starts a word in one of the fields. */
export function matchesWords(terms: string[], fields: Array<string | null>): boolean {
  const folded: Array<string | undefined> = [];
  return terms.every((w) =>
    fields.some((f, i) => {
      if (!f) return false;
      if (ASCII.test(f)) return ASCII_WORD.test(w) && asciiStarter(w).test(f);
      folded[i] ??= ` ${foldWords(f)}`;
      return folded[i]!.includes(` ${w}`);
    }),
  );
}
