/**
 * A labelled-traces folder reads the same — counts, reasons, skipped files and their messages,
 * the folder's digest — through the WebAssembly scanner (in-process and in worker threads), the
 * JS scanner, and the parsing path alone: on the randomised corpus written to files, on the
 * real JSON files other tools wrote (test/fixtures, including the copy of /work/shared/fixtures),
 * and on files bigger than the scanner's first memory.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tallyTraceValue } from '../../../src/core/adapters/labelled-traces';
import { listTraceFiles, readTraceFolder } from '../../../src/main/artefacts/traces';
import { processTraceFiles } from '../../../src/main/artefacts/trace-files';
import { DAMAGE, corpusBytes, doc, plain } from '../../core/adapters/trace-corpus';
import { FIXTURES, tempDir } from '../../helpers/cli';

function realJsonFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...realJsonFiles(p));
    else if (/\.jsonl?$/.test(e.name)) out.push(p);
  }
  return out;
}

async function allWays(d: string): Promise<void> {
  const ways = [
    await readTraceFolder(d, 'traces', { threads: 1, scanner: 'js' }),
    await readTraceFolder(d, 'traces', { threads: 1 }),
    await readTraceFolder(d, 'traces', { threads: 2 }),
    await readTraceFolder(d, 'traces', { threads: 2, scanner: 'js' }),
  ];
  // Every thread that counted used the scanner asked for (a worker whose module failed would show as js).
  expect(ways.map((w) => [w.threads, w.scannedWith.wasm > 0, w.scannedWith.js > 0])).toEqual([[1, false, true], [1, true, false], [2, true, false], [2, false, true]]);
  const shown = ways.map((w) => ({ ...w, tally: plain(w.tally), threads: 0, scannedWith: null }));
  for (const w of shown.slice(1)) expect(w).toEqual(shown[0]);
  // The parsing path alone (no scanner at all) counts the same files the same way.
  const { names } = listTraceFiles(d);
  const parsed = processTraceFiles(d, names, tallyTraceValue, fs, crypto, 8 << 20);
  expect(plain(parsed.tally)).toEqual(shown[0]?.tally);
  expect(parsed.skipped.map((s) => `traces/${s.name}: ${s.message}`)).toEqual(ways[0]?.skipped.map((s) => `${s.file}: ${s.message}`));
}

describe('labelled-traces folder: wasm scanner, JS scanner and parsing agree', () => {
  it('on the randomised corpus written as files, and real JSON from other tools', { timeout: 120_000 }, async () => {
    const d = tempDir();
    const docs = fc.sample(fc.tuple(doc, fc.integer(), fc.boolean(), fc.constantFrom(...DAMAGE)), { numRuns: 700, seed: 2026 });
    docs.forEach(([v, seed, escape, damage], i) => fs.writeFileSync(join(d, `c${String(i).padStart(4, '0')}.json`), corpusBytes(v, seed, escape, damage)));
    const roots = [...new Set([join(__dirname, '..', '..', 'fixtures'), FIXTURES])];
    const real = roots.flatMap((r) => realJsonFiles(r).map((f) => [r, f] as const));
    expect(real.length).toBeGreaterThan(10);
    for (const [r, f] of real) {
      const to = join(d, 'real', String(roots.indexOf(r)), relative(r, f));
      fs.mkdirSync(join(to, '..'), { recursive: true });
      fs.copyFileSync(f, to);
    }
    await allWays(d);
  });

  it('on plain traces, one bigger than the first memory, and a reason table that fills', { timeout: 120_000 }, async () => {
    const d = tempDir();
    const reasons = ['gate_verify_pass', 'escalation', 'loop_detected', 'é ✓'];
    for (let f = 0; f < 500; f++) {
      const steps = Array.from({ length: 30 }, (_, i) => ({ step_index: i, action: { type: 'click', x: i }, label: (f + i) % 5 ? 'ok' : 'escalation', label_reason: reasons[(f * 7 + i) % 4] }));
      fs.writeFileSync(join(d, `t${String(f).padStart(4, '0')}.json`), JSON.stringify({ run_id: `r${f}`, steps }, null, f % 3 === 0 ? 2 : undefined));
    }
    const big = Array.from({ length: 60_000 }, (_, i) => ({ label_reason: `unique reason ${i}`, pad: 'x'.repeat(i % 64) }));
    fs.writeFileSync(join(d, 't0250-big.json'), JSON.stringify({ steps: big }));
    await allWays(d);
  });
});
