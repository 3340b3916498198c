/**
 * The per-file loop of the labelled-traces reader, run in worker threads and in-process.
 * Self-contained on purpose (it is stringified into `new Worker(src, { eval: true })`):
 * everything it needs comes in as arguments; no imports, no module-level helpers.
 */
import type { TraceTally } from '../../core/adapters/labelled-traces';

export interface TraceShardResult {
  tally: TraceTally;
  /** Unreadable or malformed files: relative name and why. */
  skipped: Array<{ name: string; message: string }>;
  /** [relative name, sha256] for every file whose bytes were read, in input order. */
  hashes: Array<[string, string]>;
}

type Tally = (value: unknown, t: TraceTally) => string | null;
interface Fs {
  readFileSync(p: string): Buffer;
  openSync(p: string, flags: string): number;
  readSync(fd: number, b: Buffer, o: number, l: number, pos: null): number;
  closeSync(fd: number): void;
}
interface Crypto {
  createHash(alg: string): { update(b: Buffer): unknown; digest(enc: 'hex'): string };
}

export function processTraceFiles(root: string, names: string[], tally: Tally, fs: Fs, crypto: Crypto, chunkBytes: number): TraceShardResult {
  const total: TraceTally = { traces: 0, steps: 0, labelled: 0, escalations: 0, reasons: new Map() };
  const skipped: Array<{ name: string; message: string }> = [];
  const hashes: Array<[string, string]> = [];
  let buf: Buffer | null = null;
  for (let f = 0; f < names.length; f++) {
    const name = names[f] as string;
    const path = root + '/' + name;
    const t: TraceTally = { traces: 0, steps: 0, labelled: 0, escalations: 0, reasons: new Map() };
    const h = crypto.createHash('sha256');
    let err: string | null = null;
    let read = false;
    try {
      if (name.endsWith('.jsonl')) {
        // Line by line in fixed-size chunks: memory stays flat however large the file.
        if (buf === null) buf = Buffer.allocUnsafe(chunkBytes);
        const fd = fs.openSync(path, 'r');
        try {
          let pending: Buffer | null = null;
          let lineNo = 0;
          for (;;) {
            const n = fs.readSync(fd, buf, 0, chunkBytes, null);
            const eof = n === 0;
            if (!eof) h.update(buf.subarray(0, n));
            // After an error, keep reading only so the folder's digest covers the whole file.
            if (err !== null) {
              if (eof) break;
              continue;
            }
            let data: Buffer;
            if (eof) {
              if (pending === null) break;
              data = Buffer.concat([pending, Buffer.from('\n')]);
            } else {
              const chunk = buf.subarray(0, n);
              data = pending === null ? chunk : Buffer.concat([pending, chunk]);
            }
            const cut = data.lastIndexOf(10);
            if (cut < 0) {
              pending = Buffer.from(data);
              continue;
            }
            pending = cut + 1 < data.length ? Buffer.from(data.subarray(cut + 1)) : null;
            const lines = data.toString('utf8', 0, cut).split('\n');
            for (let i = 0; i < lines.length; i++) {
              lineNo++;
              const line = lines[i] as string;
              if (line.trim() === '') continue;
              let value: unknown;
              try {
                value = JSON.parse(line);
              } catch (e) {
                err = `line ${lineNo}: not valid JSON (${(e as Error).message})`;
                break;
              }
              const bad = tally(value, t);
              if (bad !== null) {
                err = `line ${lineNo}: ${bad}`;
                break;
              }
            }
            if (eof) break;
          }
        } finally {
          fs.closeSync(fd);
        }
        read = true;
      } else {
        const bytes = fs.readFileSync(path);
        h.update(bytes);
        read = true;
        let value: unknown;
        try {
          value = JSON.parse(bytes.toString('utf8'));
        } catch (e) {
          err = `not valid JSON (${(e as Error).message})`;
        }
        if (err === null) err = tally(value, t);
      }
    } catch (e) {
      const code = (e as { code?: string }).code;
      err = `unreadable${code ? ` (${code})` : ''}: ${(e as Error).message}`;
    }
    if (read) hashes.push([name, h.digest('hex')]);
    if (err !== null) {
      skipped.push({ name, message: err });
      continue;
    }
    total.traces += t.traces;
    total.steps += t.steps;
    total.labelled += t.labelled;
    total.escalations += t.escalations;
    for (const [k, v] of t.reasons) total.reasons.set(k, (total.reasons.get(k) ?? 0) + v);
  }
  return { tally: total, skipped, hashes };
}
