/**
 * Seeded log text holding every secret shape of core/runner/redact.ts, their near-misses and
 * what makes a byte scanner slip: values across lines (`Authorization:` and its value on the
 * next line), runs of spaces of every JS `\s` kind (CR, LF, tab, VT, FF, 0xA0), latin1 bytes
 * ≥ 0x80 (0x85 is NOT a space to JS), any ASCII case, quotes, lines longer than 64 KiB with
 * and without spaces. Returned as latin1 text: one character per byte.
 */
import { mulberry32 } from '../../src/core/stats/bootstrap';

export type Rand = () => number;

/** A small seeded generator (the draws are reproducible from the seed): the project's own. */
export const seeded: (seed: number) => Rand = mulberry32;

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const UPPER_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const SPACES = [' ', ' ', ' ', '\t', '\n', '\r\n', '\r', '\x0b', '\x0c', '\xa0'];

export function corpus(rand: Rand, approxBytes: number): string {
  const int = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[] | string): T => xs[Math.floor(rand() * xs.length)] as T;
  const str = (chars: string, lo: number, hi: number): string => Array.from({ length: int(lo, hi) }, () => pick<string>(chars)).join('');
  const caseOf = (s: string): string => [...s].map((c) => (rand() < 0.5 ? c.toUpperCase() : c.toLowerCase())).join('');
  const sp = (lo: number, hi: number): string => Array.from({ length: int(lo, hi) }, () => pick(SPACES)).join('');
  const latin1 = (): string => String.fromCharCode(pick([0x80, 0x85, 0xa0, 0xc9, 0xe9, 0xff, int(0x80, 0xff)]));
  const word = (): string => (rand() < 0.1 ? latin1() : '') + str('abcdefghijklmnopqrstuvwxyz', 1, 9);
  const pieces: Array<() => string> = [
    () => `gh${pick('pousr')}_${str(ALNUM, 15, 40)}`,
    () => `github_pat_${str(ALNUM + '_', 15, 40)}`,
    () => `xox${pick('abposrz')}-${str(ALNUM + '-', 6, 30)}`,
    () => `${pick(['AKIA', 'ASIA', 'AKIB'])}${str(UPPER_DIGITS, 14, 18)}${rand() < 0.3 ? pick('x_9 ') : ''}`,
    () => `hf_${str(ALNUM, 8, 30)}`,
    () => `${pick(['https', 'git+ssh', 'postgres', ''])}://${str(ALNUM + '.-_:\x85\xa0\xe9', 0, 12)}${pick([':', '', ':/'])}${str(ALNUM + '!$%.:\x85\xa0' + "'", 0, 14)}${pick(['@', '', '/@', ' @'])}host.example/x`,
    () => `${caseOf('authorization')}${sp(0, 3)}${pick([':', '=', ''])}${sp(0, 3)}${pick(['"', "'", ''])}${caseOf(pick(['bearer', 'basic', 'token', 'bear']))}${sp(0, 3)}${str(ALNUM + '._~+/=-,"', 0, 30)}`,
    () => `${caseOf('bearer')}${sp(0, 2)}${str(ALNUM + '._~+/=-', 4, 30)}`,
    () => pick(['author', 'authority', 'Authorization', 'hf_', 'ghp_short', 'http://127.0.0.1:8000/v1', 'https://huggingface.co/org/model', '://', 'gh_', 'xox', 'AKIA', 'bearer', 'bear', ':/', 'git']),
  ];
  const glue = (): string => (rand() < 0.75 ? pick([' ', ' ', '\n', ', ', '"', "'", '=', ':', '/', '@', '(', '']) : sp(1, 6));
  let out = '';
  while (out.length < approxBytes) {
    const r = rand();
    if (r < 0.01) {
      // A line longer than 64 KiB (maybe with no space at all), secrets inside and at its end.
      const spaced = rand() < 0.5;
      let line = '';
      const len = int(66_000, 200_000);
      while (line.length < len) line += (rand() < 0.02 ? pick(pieces)() : spaced ? word() : str(ALNUM + '.-_', 30, 300)) + (spaced ? ' ' : '');
      out += line + pick(['\n', '\r\n', '']);
    } else if (r < 0.45) out += pick(pieces)() + glue();
    else out += word() + glue();
  }
  return out;
}
