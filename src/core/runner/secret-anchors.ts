/**
 * Where in a log's bytes a secret shape (redact.ts SECRET_SHAPES) could start: a superset of
 * the positions where any shape's expression can begin a match (issue 14). Every shape begins
 * with a fixed ASCII literal — `://` (with a user name, `:`, a password and `@` after it),
 * github_pat_, gh[pousr]_, xox[abposr]-, AKIA/ASIA, hf_, and bearer / authorization in any
 * ASCII case (non-ASCII never folds to ASCII in a non-unicode expression) — so bytes with no
 * such literal can be left alone without ever becoming a string.
 *
 * The scan runs in WebAssembly with SIMD (wasm/secret-anchors.ts, ≈ GB/s). The 'js' engine
 * below gives the same positions, windows and joins (a randomised test holds them equal); it
 * is slower than the shapes' own first look, so the log masker without WebAssembly runs the
 * shapes over the whole chunk instead (main/runner/log-mask.ts).
 */
import { WASM_BASE64 } from '../wasm/secret-anchors.wasm';
import { wasmInstance } from '../wasm/load';

export interface AnchorScanner {
  /** Where the caller puts the bytes to scan: `capacity` bytes (in WebAssembly's memory when it runs). */
  readonly bytes: Uint8Array;
  /** Where `join` puts the windows' bytes, and the caller the masked ones for `unjoin`. */
  readonly joined: Uint8Array;
  /** Positions in bytes[0, n) where a shape could start, ascending (a view valid until the next scan). */
  scan(n: number): Uint32Array;
  /**
   * Scan bytes[0, n), and put the windows the shapes must see (secretWindows) into `joined`,
   * one after another with WINDOW_SEPARATOR between them. Returns the joined length (0: none).
   */
  join(n: number): number;
  /** `joined` (masked) back into the windows of `bytes`; the first and last byte changed (first > last: none). */
  unjoin(): [first: number, last: number];
  readonly engine: 'wasm' | 'js';
}

/**
 * Between two windows given to the shapes as one text: no shape's match can take a `"` (every
 * class of a secret or of a URL's credentials excludes it, and a header's optional quote must
 * be followed by a word, not another quote), and next to a window's edge it makes no `\b` the
 * edge did not (a quote is no word character, as the start or end of a text is not).
 */
export const WINDOW_SEPARATOR = '""';

/** Bytes after the scanned ones that the scan may overwrite (its 16-byte loads read past the end). */
const PAD = 64;
const PAGE = 65536;

export function anchorScanner(capacity: number, engine: 'wasm' | 'js' = 'wasm'): AnchorScanner {
  const inst = engine === 'wasm' ? wasmInstance('secret-anchors', WASM_BASE64) : null;
  // Windows are disjoint, each of two bytes or more (but a first one at 0): joined, at most 2n + 2.
  const joinedCap = 2 * capacity + PAD;
  if (!inst) return jsScanner(capacity, joinedCap);
  const x = inst.exports as unknown as WasmScanner;
  const data = align(x.memory.buffer.byteLength, 16);
  const pos = align(data + capacity + PAD, 16);
  const win = pos + 4 * (capacity + 1);
  const dst = win + 8 * (capacity + 1);
  const range = align(dst + joinedCap, 16);
  const need = range + 16;
  if (need > x.memory.buffer.byteLength) x.memory.grow(Math.ceil((need - x.memory.buffer.byteLength) / PAGE));
  // Views made after growing: growing detaches the views made before.
  const m = x.memory.buffer;
  const positions = new Uint32Array(m, pos, capacity + 1);
  const firstLast = new Uint32Array(m, range, 2);
  let w = 0;
  return {
    bytes: new Uint8Array(m, data, capacity),
    joined: new Uint8Array(m, dst, joinedCap),
    scan: (n) => positions.subarray(0, x.scan(data, check(n, capacity), pos)),
    join: (n) => {
      const count = x.scan(data, check(n, capacity), pos);
      w = count === 0 ? 0 : x.windows(data, n, pos, count, win);
      return w === 0 ? 0 : x.join(data, win, w, dst);
    },
    unjoin: () => {
      x.unjoin(data, win, w, dst, range);
      return [firstLast[0]!, firstLast[1]!];
    },
    engine: 'wasm',
  };
}

interface WasmScanner {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  scan(data: number, n: number, out: number): number;
  windows(data: number, n: number, pos: number, count: number, out: number): number;
  join(data: number, win: number, w: number, dst: number): number;
  unjoin(data: number, win: number, w: number, src: number, range: number): void;
}

/** The same answers without WebAssembly. */
function jsScanner(capacity: number, joinedCap: number): AnchorScanner {
  const all = new Uint8Array(capacity + PAD);
  const bytes = all.subarray(0, capacity);
  const joined = new Uint8Array(joinedCap);
  const out = new Uint32Array(capacity + 1);
  let windows: number[] = [];
  const scan = (n: number): Uint32Array => out.subarray(0, jsScan(all, check(n, capacity), out));
  return {
    bytes,
    joined,
    scan,
    join: (n) => {
      windows = secretWindows(bytes, n, scan(n));
      let d = 0;
      for (let w = 0; w < windows.length; w += 2) {
        if (w > 0) d += writeSeparator(joined, d);
        joined.set(bytes.subarray(windows[w], windows[w + 1]), d);
        d += windows[w + 1]! - windows[w]!;
      }
      return d;
    },
    unjoin: () => {
      let first = -1;
      let last = 0;
      for (let w = 0, s = 0; w < windows.length; w += 2) {
        if (w > 0) s += WINDOW_SEPARATOR.length;
        for (let k = windows[w]!; k < windows[w + 1]!; k++, s++) {
          if (joined[s] === bytes[k]) continue;
          bytes[k] = joined[s]!;
          if (first < 0) first = k;
          last = k;
        }
      }
      return first < 0 ? [0xffffffff, 0] : [first, last];
    },
    engine: 'js',
  };
}

function writeSeparator(to: Uint8Array, at: number): number {
  for (let i = 0; i < WINDOW_SEPARATOR.length; i++) to[at + i] = WINDOW_SEPARATOR.charCodeAt(i);
  return WINDOW_SEPARATOR.length;
}

function align(n: number, to: number): number {
  return Math.ceil(n / to) * to;
}

function check(n: number, capacity: number): number {
  if (!(n >= 0 && n <= capacity)) throw new RangeError(`scan of ${n} bytes in a scanner of ${capacity}`);
  return n;
}

/** JS `\s` on latin1 text. */
export function isSpace(c: number): boolean {
  return (c >= 9 && c <= 13) || c === 0x20 || c === 0xa0;
}

const FIRST = new Uint8Array(256);
for (const c of ':ghxAbBaA') FIRST[c.charCodeAt(0)] = 1;

/** The WebAssembly scan's answer, in JavaScript: every position whose literal `verify` confirms. */
export function jsScan(bytes: Uint8Array, n: number, out: Uint32Array): number {
  let count = 0;
  for (let p = 0; p < n; p++) if (FIRST[bytes[p]!] === 1 && verify(bytes, p, n)) out[count++] = p;
  return count;
}

function userByte(c: number): boolean {
  return !isSpace(c) && c !== 0x2f && c !== 0x40 && c !== 0x3a && c !== 0x27 && c !== 0x22;
}
function passByte(c: number): boolean {
  return !isSpace(c) && c !== 0x2f && c !== 0x40 && c !== 0x27 && c !== 0x22;
}

function lit(b: Uint8Array, p: number, end: number, s: string, fold: boolean): boolean {
  if (end - p < s.length) return false;
  for (let i = 0; i < s.length; i++) if ((fold ? b[p + i]! | 0x20 : b[p + i]) !== s.charCodeAt(i)) return false;
  return true;
}

function verify(b: Uint8Array, p: number, end: number): boolean {
  const c0 = b[p]!;
  if (c0 === 0x3a) {
    if (!lit(b, p, end, '://', false)) return false;
    let q = p + 3;
    const user = q;
    while (q < end && userByte(b[q]!)) q++;
    if (q === user || q >= end || b[q] !== 0x3a) return false;
    const pass = ++q;
    while (q < end && passByte(b[q]!)) q++;
    return q > pass && q < end && b[q] === 0x40;
  }
  if (c0 === 0x67) return (lit(b, p, end, 'gh', false) && end - p >= 4 && 'pousr'.includes(String.fromCharCode(b[p + 2]!)) && b[p + 3] === 0x5f) || lit(b, p, end, 'github_pat_', false);
  if (c0 === 0x78) return lit(b, p, end, 'xox', false) && end - p >= 5 && 'abposr'.includes(String.fromCharCode(b[p + 3]!)) && b[p + 4] === 0x2d;
  if (c0 === 0x41 && (lit(b, p, end, 'AKIA', false) || lit(b, p, end, 'ASIA', false))) return true;
  if (c0 === 0x68) return lit(b, p, end, 'hf_', false);
  return lit(b, p, end, 'bearer', true) || lit(b, p, end, 'authorization', true);
}

/**
 * The stretches of bytes[0, n) that the shapes must see for the flagged positions: from the
 * byte before each position (a `\b`) to just after its fourth run of non-space bytes (a shape
 * spans at most four — `authorization`, `[:=]`, `bearer`, the value — with at most three
 * runs of spaces between, each maybe across lines), plus the space that ends that run
 * (a greedy class or lookahead peeks at it). Overlapping stretches are merged, so a mask
 * that changes the byte before another position is seen by that position's shapes. Running
 * the shapes over each stretch gives the same masks as running them over all n bytes: every
 * match starts at a flagged literal, ends inside its stretch, and masking keeps spaces where
 * they were and never makes a new literal. Returns [start, end) pairs, flat.
 */
export function secretWindows(bytes: Uint8Array, n: number, positions: ArrayLike<number>): number[] {
  const out: number[] = [];
  let runEnd = -1; // the end of the non-space run holding the last position measured
  let reach = -1; // that position's stretch end
  for (let i = 0; i < positions.length; i++) {
    const p = positions[i]!;
    if (p >= runEnd) {
      // A position in a new run: measure its four runs (in the same run, the same four).
      let q = p;
      for (let run = 0; run < 4 && q < n; run++) {
        while (q < n && !isSpace(bytes[q]!)) q++;
        if (run === 0) runEnd = q;
        if (run < 3) while (q < n && isSpace(bytes[q]!)) q++;
      }
      reach = Math.min(n, q + 1);
    }
    const start = Math.max(0, p - 1);
    const last = out.length - 1;
    if (last > 0 && start < out[last]!) out[last] = Math.max(out[last]!, reach);
    else out.push(start, reach);
  }
  return out;
}
