/**
 * The WebAssembly trace scanner answers exactly what the JS scanner answers — the same files
 * counted, with the same counts, the same files declined — and both what the parsing path
 * counts: on the randomised corpus of labelled-traces-scan.test.ts and on the places where a
 * 16-byte-at-a-time scanner usually breaks (block edges, backslash runs, tiny and huge files,
 * bytes past the end, a full reason table).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { newTally, type TraceTally } from '../../../src/core/adapters/labelled-traces';
import { scanTraceBytes } from '../../../src/core/adapters/labelled-traces-scan';
import { wasmTraceScanner, type TraceScanExports, type WholeFileScanner } from '../../../src/core/adapters/labelled-traces-wasm';
import { wasmInstance } from '../../../src/core/wasm/load';
import { WASM_BASE64 } from '../../../src/core/wasm/labelled-traces-scan.wasm';
import { DAMAGE, corpusBytes, doc, plain, viaParse } from './trace-corpus';

const make = (): TraceScanExports => {
  const inst = wasmInstance('labelled-traces-scan', WASM_BASE64);
  if (inst === null) throw new Error('WebAssembly unavailable in the test runtime');
  return inst.exports as unknown as TraceScanExports;
};

/** Read `bytes` the way the folder reader does: in `chunk`-sized reads, growing the buffer when full. */
function feed(s: WholeFileScanner, bytes: Uint8Array, chunk = 1 << 16): TraceTally | null {
  let buf = s.buffer(1 << 16, 0);
  let len = 0;
  while (len < bytes.length) {
    if (len === buf.length) buf = s.buffer(len * 2, len);
    const n = Math.min(chunk, buf.length - len, bytes.length - len);
    buf.set(bytes.subarray(len, len + n), len);
    len += n;
  }
  // Garbage where the file ends: the scanner must not read it as part of the file.
  if (buf.length > len) buf.fill(0x22, len, Math.min(buf.length, len + 32));
  const t = newTally();
  return s.scan(len, t) ? t : (expect(plain(t)).toEqual(plain(newTally())), null);
}

/** One scanner for the whole file (reasons interned across files, as in a folder read). */
const wasm = wasmTraceScanner(make, scanTraceBytes);

function same(bytes: Uint8Array, s: WholeFileScanner = wasm): boolean {
  const js = newTally();
  const jsAnswered = scanTraceBytes(bytes, js);
  const w = feed(s, bytes);
  const text = Buffer.from(bytes).toString('utf8');
  expect(w !== null, `wasm ${w ? 'answered' : 'declined'}, JS ${jsAnswered ? 'answered' : 'declined'}: ${JSON.stringify(text.slice(0, 200))}`).toBe(jsAnswered);
  if (w !== null) {
    expect(plain(w), text.slice(0, 200)).toEqual(plain(js));
    const p = viaParse(text);
    expect(p.ok && plain(p.tally)).toEqual(plain(js));
  }
  return jsAnswered;
}

const stepsFile = (steps: unknown[], pad = ''): Buffer => Buffer.from(`${pad}{"run_id":"r","steps":${JSON.stringify(steps)}}`);

describe('labelled-traces wasm scanner', () => {
  it('answers what the JS scanner answers on the randomised corpus', () => {
    let answered = 0;
    fc.assert(
      fc.property(doc, fc.integer(), fc.boolean(), fc.constantFrom(...DAMAGE), (d, seed, escape, damage) => {
        if (same(corpusBytes(d, seed, escape, damage))) answered++;
      }),
      { numRuns: 4000, seed: 14 },
    );
    expect(answered).toBeGreaterThan(80);
  });

  it('agrees on strings and backslash runs at every offset of a 16-byte block', () => {
    for (let pad = 0; pad < 34; pad++) {
      for (let len = 0; len < 40; len++) {
        const body = 'r'.repeat(len);
        expect(same(stepsFile([{ label_reason: body, label: 'ok' }], ' '.repeat(pad)))).toBe(true);
        // Raw bytes so the backslashes land where we put them: an even run ends before the quote, an odd one escapes it.
        for (let run = 1; run <= 5; run++) {
          const raw = Buffer.from(`${' '.repeat(pad)}{"steps":[{"x":"${body}${'\\'.repeat(run)}"}, {"label_reason":"a"}]}`);
          same(raw);
          same(Buffer.from(`${' '.repeat(pad)}{"steps":[{"label_reason":"${body}${'\\'.repeat(run)}"}]}`));
        }
        // A raw control byte (JSON wants it escaped) anywhere in a string: declined by both.
        for (const c of [0, 1, 9, 10, 31]) {
          const raw = Buffer.from(`${' '.repeat(pad)}{"steps":[{"label_reason":"${body}?tail"}]}`);
          raw[pad + 28 + len] = c;
          expect(same(raw)).toBe(false);
        }
      }
    }
  });

  it('agrees on files of 0, 1, 15, 16, 17 bytes, and on every prefix of a small file', () => {
    const small = Buffer.from('{"steps":[{"label":"escalation","label_reason":"é\\u00e9"},{"label_reason":"ok"}]}');
    for (let n = 0; n <= small.length; n++) same(small.subarray(0, n));
    for (const text of ['', '{', '{"steps":[]}   ', '{"steps":[]}    ', '{"steps":[]}     ', ' {"steps":[1]}', '{"steps":[{}]} ', '{"steps":[{}]}  ']) same(Buffer.from(text));
    let s = 7;
    for (let k = 0; k < 3000; k++) {
      const n = [0, 1, 15, 16, 17][k % 5] as number;
      const b = Buffer.alloc(n);
      for (let j = 0; j < n; j++) b[j] = ((s = (s * 1103515245 + 12345) >>> 0) >>> 24) % 128;
      same(b);
    }
  });

  it('agrees on bytes ≥ 0x80: UTF-8, invalid UTF-8 in strings, and high bytes outside them', () => {
    const odd = [[0xff], [0x80], [0xc3], [0xe2, 0x82], [0xf0, 0x9f, 0x98], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xef, 0xbb, 0xbf]];
    for (const bytes of odd) {
      for (const where of ['reason-start', 'reason-end', 'label', 'other', 'structure']) {
        const hi = Buffer.from(bytes).toString('latin1');
        const text =
          where === 'reason-start' ? `{"steps":[{"label_reason":"${hi}x"},{"label_reason":"x"}]}`
          : where === 'reason-end' ? `{"steps":[{"label_reason":"x${hi}"}]}`
          : where === 'label' ? `{"steps":[{"label":"${hi}"}]}`
          : where === 'other' ? `{"steps":[{"note":"${hi}"}]}`
          : `{"steps":[${hi}{}]}`;
        same(Buffer.from(text, 'latin1'));
      }
    }
    expect(same(stepsFile([{ label_reason: '😀 ✓ é' }, { label_reason: '\uFEFFx' }, { label_reason: 'x' }]))).toBe(true);
  });

  it('agrees at the nesting limit', () => {
    for (const depth of [254, 255, 256, 257, 258]) {
      same(Buffer.from(`{"steps":[{"a":${'['.repeat(depth)}${']'.repeat(depth)}}],"b":${'{"c":'.repeat(depth)}1${'}'.repeat(depth)}}`));
    }
  });

  it('reads a file bigger than its memory, then small ones again (and one grown past what it keeps)', () => {
    const steps = Array.from({ length: 40_000 }, (_, i) => ({ step_index: i, label: i % 9 ? 'ok' : 'escalation', label_reason: `reason ${i % 50}`, pad: 'p'.repeat(i % 40) }));
    const big = stepsFile(steps);
    expect(big.length).toBeGreaterThan(2 * make().memory.buffer.byteLength);
    expect(same(big)).toBe(true);
    expect(same(stepsFile([{ label_reason: 'reason 1' }]))).toBe(true);
    const huge = stepsFile(Array.from({ length: 120_000 }, (_, i) => ({ label_reason: `r${i % 7}`, pad: 'q'.repeat(120) })));
    expect(huge.length).toBeGreaterThan(16 << 20);
    expect(same(huge)).toBe(true);
    expect(same(stepsFile([{ label_reason: 'reason 1' }]))).toBe(true);
  });

  it('agrees when the reason table fills: across files (it starts afresh) and within one file (the JS scanner takes it)', () => {
    const s = wasmTraceScanner(make, scanTraceBytes);
    for (let f = 0; f < 5; f++) expect(same(stepsFile(Array.from({ length: 6000 }, (_, i) => ({ label_reason: `f${f}-${i}` }))), s)).toBe(true);
    expect(same(stepsFile(Array.from({ length: 20_000 }, (_, i) => ({ label_reason: `one file ${i}` }))), s)).toBe(true);
    expect(same(stepsFile([{ label_reason: 'f0-1' }, { label_reason: 'one file 3' }]), s)).toBe(true);
  });

  it('without WebAssembly it is the JS scanner', () => {
    expect(same(stepsFile([{ label_reason: 'a' }, { label: 'escalation' }]), wasmTraceScanner(null, scanTraceBytes))).toBe(true);
    expect(same(stepsFile([{ label_reason: 'a' }]), wasmTraceScanner(() => null, scanTraceBytes))).toBe(true);
  });
});
