/**
 * FROZEN: the LogMasker as issue 12 left it (src/main/runner/log-mask.ts at 02c012b), kept
 * unchanged as the reference the WebAssembly-prefiltered masker must equal byte for byte
 * (test/main/runner/log-mask-property.test.ts). It runs the shapes over every 1 MiB chunk
 * (cut at line breaks, MASK_CONTEXT bytes before). Do not "fix" it: it is the old behaviour.
 */
import { readSync, writeSync } from 'node:fs';
import { maskShapes } from '../../../src/core/runner/redact';
import { MASK_CONTEXT, safeCut } from '../../../src/main/runner/log-mask';

const CHUNK = 1 << 20;

export class ReferenceLogMasker {
  scanned = 0;
  private readonly buf = Buffer.allocUnsafe(MASK_CONTEXT + CHUNK);

  constructor(
    private readonly readFd: number,
    private readonly writeFd: number,
  ) {}

  advance(size: number, final: boolean): number {
    while (this.scanned < size) {
      const context = Math.min(MASK_CONTEXT, this.scanned);
      const from = this.scanned - context;
      const want = Math.min(CHUNK, size - this.scanned);
      const got = readAt(this.readFd, this.buf, context + want, from);
      if (got <= context) break;
      const data = this.buf.subarray(0, got);
      const cut = final && from + got >= size ? got : safeCut(data, context);
      if (cut <= context) break;
      this.mask(data.subarray(0, cut), from);
      this.scanned = from + cut;
    }
    return this.scanned;
  }

  private mask(data: Buffer, at: number): void {
    const text = data.toString('latin1');
    const masked = maskShapes(text);
    if (masked === text) return;
    const out = Buffer.from(masked, 'latin1');
    let first = 0;
    while (out[first] === data[first]) first++;
    let last = out.length - 1;
    while (out[last] === data[last]) last--;
    let off = first;
    while (off <= last) off += writeSync(this.writeFd, out, off, last + 1 - off, at + off);
  }
}

function readAt(fd: number, buf: Buffer, len: number, position: number): number {
  let got = 0;
  while (got < len) {
    const n = readSync(fd, buf, got, len - got, position + got);
    if (n === 0) break;
    got += n;
  }
  return got;
}
