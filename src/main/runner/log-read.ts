/** Reading a run's log by byte range: the catch-up for clients that join late or saw a gap. */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { completeUtf8End } from './log-sink';

export const MAX_LOG_READ = 1 << 20;

export function readLogRange(path: string, offset: number, limit: number): { offset: number; text: string; nextOffset: number; size: number } {
  let size = 0;
  try {
    size = statSync(path).size;
  } catch {
    return { offset, text: '', nextOffset: offset, size: 0 };
  }
  const start = Math.min(Math.max(0, offset), size);
  const len = Math.min(limit, MAX_LOG_READ, size - start);
  if (len <= 0) return { offset: start, text: '', nextOffset: start, size };
  const buf = Buffer.alloc(len);
  const fd = openSync(path, 'r');
  let got = 0;
  try {
    while (got < len) {
      const n = readSync(fd, buf, got, len - got, start + got);
      if (n === 0) break;
      got += n;
    }
  } finally {
    closeSync(fd);
  }
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
