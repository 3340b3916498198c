/**
 * The secret-anchor prefilter (issue 14) never misses a place where a shape matches: on
 * seeded text with every shape and its near-misses, every position where any SECRET_SHAPES
 * expression can start a match (found by the expressions themselves, overlapping ones too)
 * is flagged — by the WebAssembly scan and by its JavaScript fallback, which flag exactly the
 * same positions. Scans of a prefix see only the prefix (a chunk ends where the file does).
 */
import { describe, expect, it } from 'vitest';
import { maskShapes, SECRET_SHAPES } from '../../../src/core/runner/redact';
import { anchorScanner, secretWindows, WINDOW_SEPARATOR } from '../../../src/core/runner/secret-anchors';
import { corpus, seeded } from '../../helpers/secret-corpus';

/** Every index where `re` matches (zero-width lookahead: overlapping starts are found too). */
function matchStarts(text: string, perShape: number[]): Set<number> {
  const out = new Set<number>();
  for (const [i, { re }] of SECRET_SHAPES.entries()) {
    const at = new RegExp(`(?=${re.source})`, re.flags);
    for (let m = at.exec(text); m; m = at.exec(text)) {
      out.add(m.index);
      perShape[i] = (perShape[i] ?? 0) + 1;
      at.lastIndex = m.index + 1;
    }
  }
  return out;
}

const CAP = 1 << 21;
const wasm = anchorScanner(CAP);
const js = anchorScanner(CAP, 'js');

function scanBoth(bytes: Uint8Array): number[] {
  wasm.bytes.set(bytes);
  js.bytes.set(bytes);
  const a = [...wasm.scan(bytes.length)];
  const b = [...js.scan(bytes.length)];
  expect(b).toEqual(a);
  return a;
}

describe('secret anchors', () => {
  it('runs in WebAssembly here (SIMD available), the fallback when asked', () => {
    expect(wasm.engine).toBe('wasm');
    expect(js.engine).toBe('js');
  });

  it('flag every position where a shape can start a match, on 40 seeded texts and their prefixes', () => {
    let starts = 0;
    let flagged = 0;
    const perShape: number[] = SECRET_SHAPES.map(() => 0);
    for (let seed = 1; seed <= 40; seed++) {
      const rand = seeded(seed);
      const text = corpus(rand, seed % 8 === 0 ? 300_000 : 40_000);
      for (const n of [text.length, Math.floor(rand() * text.length)]) {
        const part = text.slice(0, n);
        const positions = new Set(scanBoth(Buffer.from(part, 'latin1')));
        const want = matchStarts(part, perShape);
        for (const p of want) expect(positions.has(p), `seed ${seed}, n ${n}: a match starts at ${p} (${JSON.stringify(part.slice(p, p + 40))}) and is not flagged`).toBe(true);
        starts += want.size;
        flagged += positions.size;
      }
    }
    // Every shape matches many times in the corpus, and the prefilter is not "flag everything".
    for (const [i, n] of perShape.entries()) expect(n, `shape ${SECRET_SHAPES[i]!.re}`).toBeGreaterThan(100);
    // The corpus holds real matches, and the prefilter is not "flag everything".
    expect(starts).toBeGreaterThan(2000);
    expect(flagged).toBeLessThan(3 * starts);
  });

  it('flag each literal at every offset of a 16-byte block and at the very end, and nothing in clean text', () => {
    const literals = ['://u:p@', 'github_pat_', 'ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'xoxa-', 'xoxb-', 'xoxp-', 'xoxo-', 'xoxs-', 'xoxr-', 'AKIA', 'ASIA', 'hf_', 'BeArEr', 'AUTHORIZATION', 'authorization'];
    for (const lit of literals) {
      for (let off = 0; off < 40; off++) {
        const text = 'y'.repeat(off) + lit + 'Z'.repeat(off % 3);
        expect(scanBoth(Buffer.from(text, 'latin1')), `${lit} at ${off}`).toEqual([off]);
        // Cut inside the literal: the expression cannot match there, and nothing is flagged.
        expect(scanBoth(Buffer.from(text.slice(0, off + lit.length - 1), 'latin1')), `${lit} cut at ${off}`).toEqual([]);
      }
    }
    const clean = Buffer.from('loading model from https://huggingface.co/org/model (author: Ada) hf ghp gh_x xoxz- AKIB bear auth\n'.repeat(100), 'latin1');
    expect(scanBoth(clean)).toEqual([]);
  });

  it('flag every spelling the expressions accept: each gh/xox letter, AKIA and ASIA, bearer and authorization in every case', () => {
    const cases = (w: string): string[] => Array.from({ length: 1 << w.length }, (_, m) => [...w].map((c, i) => ((m >> i) & 1 ? c.toUpperCase() : c)).join(''));
    const words = [
      ...[...'pousr'].map((c) => `gh${c}_`),
      'github_pat_',
      ...[...'abposr'].map((c) => `xox${c}-`),
      'AKIA',
      'ASIA',
      'hf_',
      '://u:p@',
      ...cases('bearer'),
      ...cases('authorization'),
    ];
    const text = words.join(' ');
    const want: number[] = [];
    for (let at = 0, i = 0; i < words.length; at += words[i]!.length + 1, i++) want.push(at);
    expect(scanBoth(Buffer.from(text, 'latin1'))).toEqual(want);
  });

  it('windows: the shapes over the flagged windows mask exactly what they mask over the whole text', () => {
    for (let seed = 100; seed < 140; seed++) {
      const text = corpus(seeded(seed), 60_000);
      const bytes = Buffer.from(text, 'latin1');
      const positions = scanBoth(bytes);
      const windows = secretWindows(bytes, bytes.length, positions);
      const out = Buffer.from(bytes);
      for (let w = 0; w < windows.length; w += 2) out.write(maskShapes(text.slice(windows[w], windows[w + 1])), windows[w]!, 'latin1');
      expect(out.toString('latin1') === maskShapes(text), `seed ${seed}`).toBe(true);
    }
  });

  it('join and unjoin: WebAssembly and JavaScript put together the same windows and put masks back alike', () => {
    let separators = 0;
    for (let seed = 200; seed < 230; seed++) {
      const text = corpus(seeded(seed), 80_000);
      const bytes = Buffer.from(text, 'latin1');
      const results = [wasm, js].map((s) => {
        s.bytes.set(bytes);
        const len = s.join(bytes.length);
        const joined = Buffer.from(s.joined.subarray(0, len)).toString('latin1');
        Buffer.from(s.joined.buffer, s.joined.byteOffset, len).write(maskShapes(joined), 0, 'latin1');
        const range = s.unjoin();
        return { joined, range, after: Buffer.from(s.bytes.subarray(0, bytes.length)).toString('latin1') };
      });
      const [w, j] = results as [(typeof results)[0], (typeof results)[0]];
      expect(w.joined === j.joined, `seed ${seed}: joined windows differ`).toBe(true);
      expect(w.range).toEqual(j.range);
      expect(w.after === j.after && w.after === maskShapes(text), `seed ${seed}: masks put back differ`).toBe(true);
      separators += w.joined.split(WINDOW_SEPARATOR).length - 1;
    }
    // Many windows were put together (the corpus is dense with shapes: most windows merge).
    expect(separators).toBeGreaterThan(100);
  });
});
