/**
 * Reads a labelled-traces folder (SPEC §2.2): walks it for `.json`/`.jsonl` files, then
 * counts them file by file on every core. The file list is cut into small batches that the
 * threads claim one at a time from a shared counter (no fixed shards: a thread that is slow
 * to start or meets bigger files simply claims fewer), and the main thread claims batches
 * too instead of idling, yielding to its event loop between them. Results are folded in file
 * order as they arrive, so the tally, the skipped list and the folder digest are the same
 * whatever thread read what, and per-file hashes are not kept once folded. Memory per thread
 * is one file (or one 8 MB chunk of a `.jsonl`).
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { mergeTally, newTally, tallyTraceValue, type TraceTally } from '../../core/adapters/labelled-traces';
import { scanTraceBytes } from '../../core/adapters/labelled-traces-scan';
import { wasmTraceScanner, type TraceScanExports } from '../../core/adapters/labelled-traces-wasm';
import { WASM_BASE64 } from '../../core/wasm/labelled-traces-scan.wasm';
import { wasmInstance, wasmModule } from '../../core/wasm/load';
import type { Problem } from '../../core/errors';
import { processTraceFiles, type TraceShardResult } from './trace-files';
import { within } from './confine';

const CHUNK_BYTES = 8 << 20;
/** Below this many files a worker's start-up costs more than it saves. */
const MIN_FILES_PER_WORKER = 200;
/** Files per batch: small enough that the last batch leaves no core idle for long. */
const MAX_BATCH = 32;
/** The main thread reads batches too; it yields to its event loop at least this often (ms). */
const YIELD_MS = 10;
const WASM_NAME = 'labelled-traces-scan';

export interface TraceFolderResult {
  tally: TraceTally;
  files: number;
  skipped: Problem[];
  /** sha256 of the sorted (name, sha256) list. */
  sha256: string;
  /** Threads that read it: the main thread plus the workers that ran (1: in-process only). */
  threads: number;
  /** Threads that counted files with the WebAssembly scanner, and with the JS scanner alone. */
  scannedWith: { wasm: number; js: number };
}

export interface TraceReadOptions {
  /** Threads to use, the main thread included; 1 counts in-process. Default: every core. */
  threads?: number;
  /** 'js': the JavaScript scanner even where WebAssembly runs (the bench and tests compare the two). */
  scanner?: 'wasm' | 'js';
}

/**
 * Relative names of every trace file under `dir`, sorted (byte order), recursively; folders
 * that cannot be listed are returned apart so that they are skipped and named, not fatal.
 */
export function listTraceFiles(dir: string): { names: string[]; unreadable: Array<{ name: string; message: string }> } {
  const names: string[] = [];
  const unreadable: Array<{ name: string; message: string }> = [];
  // Relative names are built by concatenation ('/'-separated on every platform): cheaper per
  // file than path.join + path.relative.
  const walk = (d: string, rel: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch (err) {
      if (rel === '') throw err;
      const code = (err as NodeJS.ErrnoException).code;
      unreadable.push({ name: rel, message: `unreadable folder${code ? ` (${code})` : ''}` });
      return;
    }
    for (const e of entries) {
      const n = e.name;
      if (e.isDirectory()) walk(`${d}/${n}`, `${rel}${n}/`);
      else if (!n.endsWith('.json') && !n.endsWith('.jsonl')) continue;
      // A linked file that leads out of the folder (SPEC §3: out of the project) is listed as skipped, never read.
      else if (e.isSymbolicLink() && linksOut(`${d}/${n}`)) unreadable.push({ name: rel + n, message: 'a symbolic link leading outside the folder: not followed' });
      // A FIFO would block the reader forever and a device never ends: named and skipped, never opened.
      else if (!e.isFile() && !(e.isSymbolicLink() && isRegular(`${d}/${n}`))) unreadable.push({ name: rel + n, message: 'not a regular file (a FIFO, socket or device): skipped' });
      else names.push(rel + n);
    }
  };
  const isRegular = (file: string): boolean => {
    try {
      return fs.statSync(file).isFile();
    } catch {
      return true; // a dangling link: reading it fails and names the error
    }
  };
  let realRoot: string | null = null;
  const linksOut = (file: string): boolean => {
    let target: string;
    try {
      target = fs.realpathSync(file);
    } catch {
      return false; // a dangling link: reading it fails and names the error
    }
    realRoot ??= fs.realpathSync(dir);
    // A link to the folder itself would loop; anything not inside it leads out.
    return target === realRoot || !within(target, realRoot);
  };
  walk(dir.replace(/[\\/]+$/, '') || dir, '');
  return { names: names.sort(), unreadable };
}

export async function readTraceFolder(dir: string, displayDir: string, opts: TraceReadOptions = {}): Promise<TraceFolderResult> {
  const { names, unreadable } = listTraceFiles(dir);
  const root = dir.replace(/[\\/]+$/, '') || dir;
  const threads = Math.max(1, Math.min(opts.threads ?? availableParallelism(), Math.floor(names.length / MIN_FILES_PER_WORKER)));
  const batch = Math.max(1, Math.min(MAX_BATCH, Math.ceil(names.length / (threads * 8))));
  const batches = Math.ceil(names.length / batch);
  const slice = (i: number): string[] => names.slice(i * batch, Math.min(names.length, (i + 1) * batch));

  const shown = displayDir.replace(/\/+$/, '');
  const tally = newTally();
  const skipped: Problem[] = unreadable.map((u) => ({ file: `${shown}/${u.name}`, path: '', message: u.message }));
  const digest = crypto.createHash('sha256');
  // Batch results fold in order; one that arrives early waits here for the ones before it.
  const early = new Map<number, BatchResult>();
  let next = 0;
  const wasmBy = new Map<number, boolean>(); // thread (-1: this one) → counted with WebAssembly
  const fold = (i: number, r: BatchResult, worker = -1): void => {
    wasmBy.set(worker, r.wasm || wasmBy.get(worker) === true);
    if (i < next || early.has(i)) return; // a late duplicate of a batch already read
    early.set(i, r);
    for (let s = early.get(next); s !== undefined; s = early.get(next)) {
      early.delete(next++);
      mergeTally(tally, s.tally);
      for (const k of s.skipped) skipped.push({ file: `${shown}/${k.name}`, path: '', message: k.message });
      digest.update(s.digestText);
    }
  };

  // The shared counter: a thread claims batch `Atomics.add(claim, 0, 1)` until none is left.
  const claim = new Int32Array(new SharedArrayBuffer(4));
  // The WebAssembly scanner, compiled once per process; workers are handed the compiled module.
  const module = opts.scanner === 'js' ? null : wasmModule(WASM_NAME, WASM_BASE64);
  const workers = threads > 1 ? startWorkers(threads - 1, { root, names, batch, batches, claim, chunk: CHUNK_BYTES, module }, fold) : [];
  // This thread's scanner (its memory) lives for this read only.
  const scanner = wasmTraceScanner(module ? () => (wasmInstance(WASM_NAME, WASM_BASE64)?.exports as unknown as TraceScanExports | undefined) ?? null : null, scanTraceBytes);

  let lastYield = performance.now();
  for (let i = Atomics.add(claim, 0, 1); i < batches; i = Atomics.add(claim, 0, 1)) {
    fold(i, compact(processTraceFiles(root, slice(i), tallyTraceValue, fs, crypto, CHUNK_BYTES, scanner), scanner.wasm()));
    // Let the workers' results (and anything else the event loop holds) in every YIELD_MS.
    if (workers.length && performance.now() - lastYield >= YIELD_MS) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      lastYield = performance.now();
    }
  }
  const ran = await Promise.all(workers);
  // A batch a worker claimed but never returned (it died, or could not start) is read here.
  for (let i = next; i < batches; i++) if (!early.has(i)) fold(i, compact(processTraceFiles(root, slice(i), tallyTraceValue, fs, crypto, CHUNK_BYTES, scanner), scanner.wasm()));

  return { tally, files: names.length + unreadable.length, skipped, sha256: digest.digest('hex'), threads: 1 + ran.filter(Boolean).length, scannedWith: { wasm: [...wasmBy.values()].filter(Boolean).length, js: [...wasmBy.values()].filter((w) => !w).length } };
}

/**
 * A batch's result as it crosses threads: its part of the folder digest's input as one
 * string (`name\0sha256\n` per file read) rather than an array of pairs — one string is
 * cheaper to copy between threads and to feed the digest.
 */
interface BatchResult {
  tally: TraceTally;
  skipped: TraceShardResult['skipped'];
  digestText: string;
  /** Counted by the WebAssembly scanner. */
  wasm: boolean;
}

function compact(r: TraceShardResult, wasm: boolean): BatchResult {
  let digestText = '';
  for (const [name, sha] of r.hashes) digestText += `${name}\0${sha}\n`;
  return { tally: r.tally, skipped: r.skipped, digestText, wasm };
}

interface WorkerJob {
  root: string;
  names: string[];
  batch: number;
  batches: number;
  claim: Int32Array;
  chunk: number;
  /** The compiled WebAssembly scanner (a WebAssembly.Module crosses to workers), or null. */
  module: object | null;
}

const WORKER_SOURCE = `
const { parentPort, workerData: w } = require('node:worker_threads');
const fs = require('node:fs');
const crypto = require('node:crypto');
const tallyTraceValue = ${tallyTraceValue.toString()};
const scanTraceBytes = ${scanTraceBytes.toString()};
const wasmTraceScanner = ${wasmTraceScanner.toString()};
const processTraceFiles = ${processTraceFiles.toString()};
const compact = ${compact.toString()};
const make = w.module === null ? null : () => {
  try {
    return new WebAssembly.Instance(w.module, { env: { abort: () => { throw new Error('wasm scanner aborted'); } } }).exports;
  } catch {
    return null;
  }
};
const scanner = wasmTraceScanner(make, scanTraceBytes);
for (let i = Atomics.add(w.claim, 0, 1); i < w.batches; i = Atomics.add(w.claim, 0, 1)) {
  const names = w.names.slice(i * w.batch, Math.min(w.names.length, (i + 1) * w.batch));
  const r = processTraceFiles(w.root, names, tallyTraceValue, fs, crypto, w.chunk, scanner);
  parentPort.postMessage({ i, r: compact(r, scanner.wasm()) });
}
`;

/** Start `n` workers on the shared counter; each promise says whether that worker finished. */
function startWorkers(n: number, job: WorkerJob, fold: (i: number, r: BatchResult, worker: number) => void): Array<Promise<boolean>> {
  const out: Array<Promise<boolean>> = [];
  for (let k = 0; k < n; k++) {
    out.push(
      new Promise<boolean>((resolve) => {
        let w: Worker;
        try {
          w = new Worker(WORKER_SOURCE, { eval: true, workerData: job });
        } catch {
          // A sandbox without threads: the main thread reads every batch itself.
          resolve(false);
          return;
        }
        w.on('message', (m: { i: number; r: BatchResult }) => fold(m.i, m.r, k));
        w.once('error', () => resolve(false));
        w.once('exit', (code) => resolve(code === 0));
      }),
    );
  }
  return out;
}
