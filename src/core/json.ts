/**
 * JSON as Python's `json.dump` writes it: standard JSON plus the bare tokens `NaN`,
 * `Infinity` and `-Infinity` (seed 002's tools emit them). A pre-pass outside strings swaps
 * those tokens for sentinel strings, `JSON.parse` does the rest, and a reviver turns the
 * sentinels back into numbers, so a NaN score reaches the gate as NaN and is judged there.
 */
import type { Result } from './errors';
import { nestingMessage, tooDeep } from './depth';

const SENTINEL = '\u0000greenlight:';
const TOKENS: ReadonlyArray<[string, number]> = [
  ['-Infinity', -Infinity],
  ['Infinity', Infinity],
  ['NaN', NaN],
];

function swapTokens(text: string): { text: string; swapped: boolean } {
  if (!/NaN|Infinity/.test(text)) return { text, swapped: false };
  let out = '';
  let last = 0;
  let inString = false;
  let swapped = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 92 /* \ */) i++;
      else if (ch === 34 /* " */) inString = false;
      continue;
    }
    if (ch === 34) {
      inString = true;
      continue;
    }
    if (ch === 45 /* - */ || ch === 73 /* I */ || ch === 78 /* N */) {
      for (const [token] of TOKENS) {
        if (text.startsWith(token, i)) {
          out += text.slice(last, i) + JSON.stringify(SENTINEL + token);
          i += token.length - 1;
          last = i + 1;
          swapped = true;
          break;
        }
      }
    }
  }
  return { text: out + text.slice(last), swapped };
}

function revive(_key: string, value: unknown): unknown {
  if (typeof value === 'string' && value.startsWith(SENTINEL)) {
    const token = value.slice(SENTINEL.length);
    for (const [t, v] of TOKENS) if (t === token) return v;
  }
  return value;
}

/**
 * Parse JSON text, accepting Python's NaN / Infinity / -Infinity literals. A document nested
 * deeper than MAX_NESTING is refused (every later walk over it would overflow the stack).
 */
export function parseJsonTolerant(text: string, file?: string): Result<unknown> {
  try {
    const { text: swappedText, swapped } = swapTokens(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    const plain: unknown = JSON.parse(swappedText);
    const deep = tooDeep(plain);
    if (deep !== null) return { ok: false, problems: [{ file, path: '', message: nestingMessage(deep) }] };
    // The reviver recurses: it runs only on a document known to be shallow.
    const value: unknown = swapped ? JSON.parse(swappedText, revive) : plain;
    return { ok: true, value };
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return { ok: false, problems: [{ file, path: '', message: `not valid JSON (${why})` }] };
  }
}
