/**
 * The per-file loop of the labelled-traces reader, run in worker threads and in-process.
 * Self-contained on purpose (it is stringified into `new Worker(src, { eval: true })`):
 * everything it needs comes in as arguments; no imports, no module-level helpers.
 */
import type { TraceTally } from '../../core/adapters/labelled-traces';
import type { WholeFileScanner } from '../../core/adapters/labelled-traces-wasm';

export interface TraceShardResult {
  tally: TraceTally;
  /** Unreadable or malformed files: relative name and why. */
  skipped: Array<{ name: string; message: string }>;
  /** [relative name, sha256] for every file whose bytes were read, in input order. */
  hashes: Array<[string, string]>;
}

type Tally = (value: unknown, t: TraceTally) => string | null;
interface Fs {
  openSync(p: string, flags: string): number;
  readSync(fd: number, b: Uint8Array, o: number, l: number, pos: null): number;
  closeSync(fd: number): void;
}
interface Crypto {
  createHash(alg: string): { update(b: Uint8Array): unknown; digest(enc: 'hex'): string };
  /** One-shot digest (Node ≥ 20.12): no hash object per file. Used when present. */
  hash?: (alg: string, b: Uint8Array, enc: 'hex') => string;
}

/**
 * Count `names` (relative to `root`) in order. Each file is read once into a buffer reused
 * from file to file (a `.json` whole, a `.jsonl` in `chunkBytes` chunks, line by line), its
 * bytes hashed (sha256) and parsed; a file counts only when all of it is good. A `.json` is
 * read into the scanner's buffer (the WebAssembly scanner's memory) and counted by it, parsed
 * when it declines; without a scanner it is parsed.
 */
export function processTraceFiles(root: string, names: string[], tally: Tally, fs: Fs, crypto: Crypto, chunkBytes: number, scanner?: WholeFileScanner): TraceShardResult {
  const total: TraceTally = { traces: 0, steps: 0, labelled: 0, escalations: 0, reasons: new Map() };
  const skipped: Array<{ name: string; message: string }> = [];
  const hashes: Array<[string, string]> = [];
  // One scratch tally for every file: a bad file's partial counts are dropped by resetting it.
  const t: TraceTally = { traces: 0, steps: 0, labelled: 0, escalations: 0, reasons: new Map() };
  // Whole-file reads without a scanner land here instead of a new Buffer per file; it grows to the largest
  // .json seen, and once past max(chunkBytes, 1 MB) it is dropped after that file so that one
  // huge file does not pin its size for the rest.
  let whole: Buffer | null = null;
  let buf: Buffer | null = null;
  for (let f = 0; f < names.length; f++) {
    const name = names[f] as string;
    const path = root + '/' + name;
    t.traces = 0;
    t.steps = 0;
    t.labelled = 0;
    t.escalations = 0;
    if (t.reasons.size !== 0) t.reasons.clear();
    let err: string | null = null;
    let digest: string | null = null;
    try {
      if (name.endsWith('.jsonl')) {
        const h = crypto.createHash('sha256');
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
              // A BOM opens the file, hence its first line (editors on Windows write one).
              const line = lineNo === 1 && (lines[i] as string).charCodeAt(0) === 0xfeff ? (lines[i] as string).slice(1) : (lines[i] as string);
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
        digest = h.digest('hex');
      } else {
        let view: Uint8Array;
        if (scanner !== undefined) view = scanner.buffer(1 << 16, 0);
        else view = whole ??= Buffer.allocUnsafe(1 << 16);
        let len = 0;
        const fd = fs.openSync(path, 'r');
        try {
          for (;;) {
            if (len === view.length) {
              if (scanner !== undefined) view = scanner.buffer(len * 2, len);
              else {
                const grown = Buffer.allocUnsafe(len * 2);
                grown.set(view.subarray(0, len));
                view = whole = grown;
              }
            }
            const n = fs.readSync(fd, view, len, view.length - len, null);
            if (n === 0) break;
            len += n;
          }
        } finally {
          fs.closeSync(fd);
        }
        const bytes = view.subarray(0, len);
        if (whole !== null && whole.length > chunkBytes && whole.length > 1 << 20) whole = null;
        if (crypto.hash !== undefined) digest = crypto.hash('sha256', bytes, 'hex');
        else {
          const h = crypto.createHash('sha256');
          h.update(bytes);
          digest = h.digest('hex');
        }
        // The byte scanner counts the common shape without building objects; anything it
        // does not recognise (or any error) is parsed, which gives the counts or the message.
        if (scanner === undefined || !scanner.scan(len, t)) {
          let value: unknown;
          try {
            // Skip a UTF-8 BOM (EF BB BF), as every other reader does.
            const start = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
            value = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, len).toString('utf8', start));
          } catch (e) {
            err = `not valid JSON (${(e as Error).message})`;
          }
          if (err === null) err = tally(value, t);
        }
      }
    } catch (e) {
      const code = (e as { code?: string }).code;
      err = `unreadable${code ? ` (${code})` : ''}: ${(e as Error).message}`;
    }
    if (digest !== null) hashes.push([name, digest]);
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
