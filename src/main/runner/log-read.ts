/**
 * Reading a run's log by byte range: the catch-up for clients that join late or saw a gap.
 * What it answers is masked (secret-shaped values, same length, so offsets stay the file's):
 * a read can come before the follower has masked the newest bytes.
 */
import { closeSync, openSync, statSync } from 'node:fs';
import { completeUtf8End } from './log-sink';
import { readMasked, safeCut } from './log-mask';

export const MAX_LOG_READ = 1 << 20;

/**
 * `live`: the log is still being written, so a read that reaches its end stops after the last
 * complete line (as events do): a value the eval is halfway through writing is not shown
 * half-masked. The rest comes with the next event or read.
 */
export function readLogRange(path: string, offset: number, limit: number, live = false): { offset: number; text: string; nextOffset: number; size: number } {
  let size = 0;
  try {
    size = statSync(path).size;
  } catch {
    return { offset, text: '', nextOffset: offset, size: 0 };
  }
  const start = Math.min(Math.max(0, offset), size);
  const len = Math.min(limit, MAX_LOG_READ, size - start);
  if (len <= 0) return { offset: start, text: '', nextOffset: start, size };
  const fd = openSync(path, 'r');
  let buf: Buffer;
  try {
    buf = readMasked(fd, start, len, size);
  } finally {
    closeSync(fd);
  }
  let got = buf.length;
  if (live && start + got >= size) got = safeCut(buf, 0);
  // Start and stop on character boundaries (a tail read may land inside a character).
  let skip = 0;
  while (start > 0 && skip < 3 && skip < got && ((buf[skip] as number) & 0xc0) === 0x80) skip++;
  const end = start + got < size ? completeUtf8End(buf.subarray(0, got)) : got;
  return { offset: start + skip, text: buf.subarray(skip, Math.max(skip, end)).toString('utf8'), nextOffset: start + Math.max(skip, end), size };
}

/** The last `bytes` of the log, starting on a line boundary when one is near. */
export function tailOffset(path: string, bytes: number): number {
  try {
    return Math.max(0, statSync(path).size - bytes);
  } catch {
    return 0;
  }
}
