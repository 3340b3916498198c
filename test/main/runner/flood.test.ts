/**
 * A child that writes 200 MB in bursts (arbitrary bytes, not only text) leaves every byte in
 * the log, in order — compared by sha256 — while the UI gets a bounded number of log events
 * whose byte offsets never go backwards.
 */
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { closeContext, evalYaml, makeProject, openStore, runEval } from './helpers';
import { MAX_EVENT_BYTES } from '../../../src/main/runner/log-sink';

const TOTAL = 200 * 1024 * 1024;

const flood = `
const { createHash } = require('crypto');
const fs = require('fs');
const total = ${TOTAL};
const hash = createHash('sha256');
let written = 0, seed = 12345;
const block = () => {
  // 1-4 MB burst of pseudo-random bytes with a progress line in front of it.
  const size = Math.min(total - written, (1 + (seed % 4)) * 1024 * 1024);
  const buf = Buffer.allocUnsafe(size);
  for (let i = 0; i < size; i += 4) { seed = (seed * 1103515245 + 12345) >>> 0; buf.writeUInt32LE(seed, Math.min(i, size - 4)); }
  const line = Buffer.from('\\n' + written + '/' + total + '\\n');
  const out = Buffer.concat([line, buf]).subarray(0, Math.min(size, total - written));
  hash.update(out);
  written += out.length;
  return out;
};
function next() {
  if (written >= total) { fs.writeFileSync(process.argv[2] + '/expected.sha256', hash.digest('hex')); return; }
  const b = block();
  if (process.stdout.write(b)) setTimeout(next, 2); else process.stdout.once('drain', () => setTimeout(next, 2));
}
next();
`;

function sha256File(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(path).on('data', (d) => h.update(d)).on('end', () => resolve(h.digest('hex'))).on('error', reject);
  });
}

describe('log capture under a flood', () => {
  it('keeps all 200 MB, byte for byte, and throttles the events', { timeout: 180_000 }, async () => {
    const dir = makeProject(evalYaml([process.execPath, 'flood.js', '{run_dir}']), { 'flood.js': flood });
    const ctx = openStore();
    try {
      const run = await runEval(ctx, dir);
      expect(run.status).toBe('succeeded');
      expect(statSync(run.logPath!).size).toBe(TOTAL);
      expect(run.logBytes).toBe(TOTAL);
      const { readFileSync } = await import('node:fs');
      const expected = readFileSync(`${run.runDir}/expected.sha256`, 'utf8');
      expect(await sha256File(run.logPath!)).toBe(expected);
      const logs = ctx.events$.filter((e) => e.type === 'run.log') as Array<{ offset: number; text: string }>;
      expect(logs.length).toBeGreaterThan(0);
      // Throttled: far fewer events than chunks, none larger than the cap, offsets increasing.
      expect(logs.length).toBeLessThan(TOTAL / MAX_EVENT_BYTES);
      for (let i = 1; i < logs.length; i++) expect(logs[i]!.offset).toBeGreaterThan(logs[i - 1]!.offset);
      for (const e of logs) expect(Buffer.byteLength(e.text)).toBeLessThanOrEqual(MAX_EVENT_BYTES * 3);
      expect(ctx.events$.some((e) => e.type === 'run.progress')).toBe(true);
    } finally {
      closeContext(ctx);
    }
  });
});
