/**
 * The WebAssembly-prefiltered LogMasker (issue 14) masks a log file exactly as the masker it
 * replaced (a frozen copy in log-mask-reference.ts): seeded files with every shape, written in
 * random pieces (values split across writes, chunk edges at 1 MiB, lines over 64 KiB cut in
 * pieces, CR/LF, latin1 bytes), the maskers called after the same writes. Byte for byte the
 * same file, with WebAssembly and with the JavaScript fallback; and a file under one chunk,
 * masked at its end, is what maskShapes makes of its whole text.
 */
import { describe, expect, it } from 'vitest';
import { appendFileSync, closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { maskShapes } from '../../../src/core/runner/redact';
import { LogMasker } from '../../../src/main/runner/log-mask';
import { ReferenceLogMasker } from './log-mask-reference';
import { corpus, seeded } from '../../helpers/secret-corpus';
import { tempDir } from '../../helpers/cli';

interface Masker {
  advance(size: number, final: boolean): number;
}

function follow(text: string, rand: () => number, dir: string): { reference: string; wasm: string; js: string } {
  const bytes = Buffer.from(text, 'latin1');
  const names = ['reference', 'wasm', 'js'] as const;
  const files = names.map((n) => join(dir, `${n}.log`));
  const fds = files.map((f) => {
    writeFileSync(f, '');
    return openSync(f, 'r+');
  });
  const maskers: Masker[] = [new ReferenceLogMasker(fds[0]!, fds[0]!), new LogMasker(fds[1]!, fds[1]!), new LogMasker(fds[2]!, fds[2]!, 'js')];
  expect((maskers[1] as LogMasker).engine).toBe('wasm');
  expect((maskers[2] as LogMasker).engine).toBe('js');
  try {
    let at = 0;
    while (at < bytes.length) {
      // Pieces from one byte (a value split across writes) to more than a chunk.
      const r = rand();
      const len = Math.max(1, Math.floor(r < 0.3 ? rand() * 64 : r < 0.9 ? rand() * 200_000 : rand() * 1_500_000));
      const piece = bytes.subarray(at, at + len);
      at += piece.length;
      for (const f of files) appendFileSync(f, piece);
      const scanned = maskers.map((m) => m.advance(at, false));
      expect(new Set(scanned).size, `where each masker stopped after ${at} bytes`).toBe(1);
    }
    for (const m of maskers) m.advance(bytes.length, true);
  } finally {
    for (const fd of fds) closeSync(fd);
  }
  const [reference, wasm, js] = files.map((f) => readFileSync(f, 'latin1')) as [string, string, string];
  return { reference, wasm, js };
}

describe('the prefiltered log masker', () => {
  it('leaves each of 24 seeded files, written in random pieces, exactly as the old masker did', { timeout: 120_000 }, () => {
    let masked = 0;
    for (let seed = 1; seed <= 24; seed++) {
      const rand = seeded(seed * 7919);
      const text = corpus(rand, seed % 4 === 0 ? 3_200_000 : 400_000);
      const out = follow(text, rand, tempDir());
      expect(out.wasm.length).toBe(text.length);
      // toBe on a boolean: a mismatch in megabytes of text would print it all.
      expect(out.wasm === out.reference, `seed ${seed}: wasm masker differs from the old one at ${firstDiff(out.wasm, out.reference)}`).toBe(true);
      expect(out.js === out.reference, `seed ${seed}: js masker differs from the old one at ${firstDiff(out.js, out.reference)}`).toBe(true);
      if (out.reference !== text) masked++;
    }
    expect(masked).toBe(24);
  });

  it('masks a file under one chunk, in one go, as maskShapes masks its whole text', () => {
    for (let seed = 50; seed < 70; seed++) {
      const text = corpus(seeded(seed), 200_000);
      const dir = tempDir();
      for (const engine of ['wasm', 'js'] as const) {
        const file = join(dir, `${engine}.log`);
        writeFileSync(file, Buffer.from(text, 'latin1'));
        const fd = openSync(file, 'r+');
        try {
          new LogMasker(fd, fd, engine).advance(text.length, true);
        } finally {
          closeSync(fd);
        }
        const got = readFileSync(file, 'latin1');
        expect(got === maskShapes(text), `seed ${seed} (${engine}) differs at ${firstDiff(got, maskShapes(text))}`).toBe(true);
      }
    }
  });
});

function firstDiff(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `${i}: ${JSON.stringify(a.slice(Math.max(0, i - 40), i + 40))} vs ${JSON.stringify(b.slice(Math.max(0, i - 40), i + 40))}`;
}
