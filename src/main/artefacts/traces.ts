/**
 * Reads a labelled-traces folder (SPEC §2.2): walks it for `.json`/`.jsonl` files, then
 * counts them file by file — in worker threads over contiguous shards when there is enough
 * work, in-process otherwise. Memory per worker is one file (or one 8 MB chunk of a `.jsonl`).
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative, sep } from 'node:path';
import { Worker } from 'node:worker_threads';
import { mergeTally, newTally, tallyTraceValue, type TraceTally } from '../../core/adapters/labelled-traces';
import type { Problem } from '../../core/errors';
import { processTraceFiles, type TraceShardResult } from './trace-files';

const CHUNK_BYTES = 8 << 20;
/** Below this many files a worker's start-up costs more than it saves. */
const MIN_FILES_PER_WORKER = 200;

export interface TraceFolderResult {
  tally: TraceTally;
  files: number;
  skipped: Problem[];
  /** sha256 of the sorted (name, sha256) list. */
  sha256: string;
  /** Worker threads that read it (1: in-process). */
  threads: number;
}

export interface TraceReadOptions {
  /** Worker threads to use; 1 counts in-process. Default: every core. */
  threads?: number;
}

/**
 * Relative names of every trace file under `dir`, sorted (byte order), recursively; folders
 * that cannot be listed are returned apart so that they are skipped and named, not fatal.
 */
export function listTraceFiles(dir: string): { names: string[]; unreadable: Array<{ name: string; message: string }> } {
  const names: string[] = [];
  const unreadable: Array<{ name: string; message: string }> = [];
  const walk = (d: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch (err) {
      if (d === dir) throw err;
      const code = (err as NodeJS.ErrnoException).code;
      unreadable.push({ name: `${relative(dir, d).split(sep).join('/')}/`, message: `unreadable folder${code ? ` (${code})` : ''}` });
      return;
    }
    for (const e of entries) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.json') || e.name.endsWith('.jsonl')) names.push(relative(dir, p).split(sep).join('/'));
    }
  };
  walk(dir);
  return { names: names.sort(), unreadable };
}

export async function readTraceFolder(dir: string, displayDir: string, opts: TraceReadOptions = {}): Promise<TraceFolderResult> {
  const { names, unreadable } = listTraceFiles(dir);
  const threads = Math.max(1, Math.min(opts.threads ?? availableParallelism(), Math.floor(names.length / MIN_FILES_PER_WORKER)));
  let shards: TraceShardResult[];
  let used = threads;
  if (threads <= 1) {
    shards = [processTraceFiles(dir, names, tallyTraceValue, fs, { createHash }, CHUNK_BYTES)];
  } else {
    const size = Math.ceil(names.length / threads);
    const parts: string[][] = [];
    for (let i = 0; i < names.length; i += size) parts.push(names.slice(i, i + size));
    try {
      shards = await Promise.all(parts.map((part) => runShard(dir, part)));
    } catch {
      // A worker that cannot start (e.g. a sandbox without threads) must not lose the result.
      used = 1;
      shards = [processTraceFiles(dir, names, tallyTraceValue, fs, { createHash }, CHUNK_BYTES)];
    }
  }
  const tally = newTally();
  const skipped: Problem[] = unreadable.map((u) => ({ file: `${displayDir.replace(/\/+$/, '')}/${u.name}`, path: '', message: u.message }));
  const digest = createHash('sha256');
  for (const s of shards) {
    mergeTally(tally, s.tally);
    for (const k of s.skipped) skipped.push({ file: `${displayDir.replace(/\/+$/, '')}/${k.name}`, path: '', message: k.message });
    for (const [name, sha] of s.hashes) digest.update(`${name}\0${sha}\n`);
  }
  return { tally, files: names.length + unreadable.length, skipped, sha256: digest.digest('hex'), threads: used };
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const { createHash } = require('node:crypto');
const tallyTraceValue = ${tallyTraceValue.toString()};
const processTraceFiles = ${processTraceFiles.toString()};
parentPort.postMessage(processTraceFiles(workerData.root, workerData.names, tallyTraceValue, fs, { createHash }, workerData.chunk));
`;

function runShard(root: string, names: string[]): Promise<TraceShardResult> {
  return new Promise((resolve, reject) => {
    const w = new Worker(WORKER_SOURCE, { eval: true, workerData: { root, names, chunk: CHUNK_BYTES } });
    let done = false;
    w.once('message', (r: TraceShardResult) => {
      done = true;
      resolve(r);
      void w.terminate();
    });
    w.once('error', reject);
    w.once('exit', (code) => {
      if (!done) reject(new Error(`trace worker exited with code ${code}`));
    });
  });
}
