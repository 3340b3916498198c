/**
 * The one way Greenlight reads a single file it was pointed at (artefacts, `--policy`,
 * greenlight.yaml, `compare`/`check` inputs, `scorecard validate`, version files): a
 * repository is untrusted input, and a FIFO waits forever while `/dev/zero` never ends. The
 * file is opened without blocking, and the *opened* descriptor is checked (so a symlink is
 * judged by what it leads to, and nothing can be swapped in between): anything that is not a
 * regular file, or is larger than the cap, is refused at once with one line.
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { UsageError } from '../../core/errors';

/**
 * The cap on one file read whole: 256 MiB. Larger results files are not plausible as one
 * JSON document (trace folders stream and are not read whole); the cap keeps a hostile input
 * from growing the process without bound.
 */
export const MAX_FILE_BYTES = 256 * 1024 * 1024;

/** Why a file was refused or could not be read; `message` is `path: reason`. */
export class FileReadError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
    readonly code: string | null = null,
  ) {
    super(`${path}: ${reason}`);
  }
}

export interface ReadFileOptions {
  /** The name shown in messages (default: the path as given). */
  shown?: string;
  maxBytes?: number;
}

function kindOf(s: Stats): string {
  if (s.isDirectory()) return 'a folder';
  if (s.isFIFO()) return 'a FIFO (named pipe)';
  if (s.isCharacterDevice()) return 'a character device';
  if (s.isBlockDevice()) return 'a block device';
  if (s.isSocket()) return 'a socket';
  return 'not a regular file';
}

const mib = (n: number): string => `${Math.round((n / 1024 / 1024) * 10) / 10} MiB`;

function reasonOf(err: unknown): { reason: string; code: string | null } {
  const code = (err as NodeJS.ErrnoException).code ?? null;
  if (code === 'ENOENT') return { reason: 'not found', code };
  if (code === 'EISDIR') return { reason: 'is a folder, not a file', code };
  if (code === 'ELOOP') return { reason: 'is a symbolic link loop', code };
  return { reason: `cannot be read (${code ?? String(err)})`, code };
}

/** The file's bytes, or a FileReadError: not found, not a regular file, over the cap. */
export function readRegularFileSync(path: string, opts: ReadFileOptions = {}): Buffer {
  const shown = opts.shown ?? path;
  const max = opts.maxBytes ?? MAX_FILE_BYTES;
  const { fd, size } = openChecked(path, shown, max);
  try {
    // Read what is there, but never past the cap even if the file grows while it is read.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(Math.max(size - total + 1, 64 << 10), 8 << 20, max + 1 - total));
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      total += n;
      if (total > max) throw new FileReadError(shown, `grew over the ${mib(max)} limit for one file while being read; refused`, 'EFBIG');
      chunks.push(n === buf.length ? buf : buf.subarray(0, n));
    }
    return Buffer.concat(chunks, total);
  } catch (err) {
    if (err instanceof FileReadError) throw err;
    const r = reasonOf(err);
    throw new FileReadError(shown, r.reason, r.code);
  } finally {
    closeSync(fd);
  }
}

/** The file as UTF-8 text (see readRegularFileSync). */
export function readTextFileSync(path: string, opts: ReadFileOptions = {}): string {
  return readRegularFileSync(path, opts).toString('utf8');
}

/** Async face of the same read (the read itself is bounded and never waits on a pipe). */
export async function readRegularFile(path: string, opts: ReadFileOptions = {}): Promise<Buffer> {
  return readRegularFileSync(path, opts);
}

/** Refuse a path that is not a regular file (or is over the cap) without reading it: for streaming readers. */
export function checkRegularFile(path: string, opts: ReadFileOptions = {}): number {
  const { fd, size } = openChecked(path, opts.shown ?? path, opts.maxBytes ?? Number.POSITIVE_INFINITY);
  closeSync(fd);
  return size;
}

/** Open for reading and refuse anything that is not a regular file within the cap; the caller closes the fd. */
function openChecked(path: string, shown: string, max: number): { fd: number; size: number } {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO for reading returns at once instead of waiting for a writer.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    const r = reasonOf(err);
    throw new FileReadError(shown, r.reason, r.code);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new FileReadError(shown, `is ${kindOf(st)}, not a regular file; refused`, 'ENOTREG');
    if (st.size > max) throw new FileReadError(shown, `is ${mib(st.size)}, over the ${mib(max)} limit for one file; refused`, 'EFBIG');
    return { fd, size: st.size };
  } catch (err) {
    closeSync(fd);
    if (err instanceof FileReadError) throw err;
    const r = reasonOf(err);
    throw new FileReadError(shown, r.reason, r.code);
  }
}

/** The file's text, or the same refusal as a UsageError (exit 2 in the CLI). */
export function readTextOrUsageSync(path: string, opts: ReadFileOptions & { what?: string } = {}): string {
  try {
    return readTextFileSync(path, opts);
  } catch (err) {
    if (err instanceof FileReadError) throw new UsageError(`${err.message}${opts.what ? ` (${opts.what})` : ''}`);
    throw err;
  }
}
