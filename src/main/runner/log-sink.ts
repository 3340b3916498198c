/**
 * The run's log: every byte the child writes goes to the log file in arrival order (secret
 * values scrubbed first), and to the UI as `run.log` events with byte offsets, throttled so
 * a flood cannot freeze the renderer. When a flood outruns the cap, an event skips ahead and
 * its offset shows the gap; the client reads the skipped bytes with `runs.log`.
 */
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { REDACTED, redactShapes } from '../../core/runner/redact';

export const EVENT_INTERVAL_MS = 100;
export const MAX_EVENT_BYTES = 64 * 1024;
/** A line longer than this is written in pieces (scrubbed piece by piece). */
const MAX_LINE = 64 * 1024;

export class LogSink {
  private fd: number;
  private written = 0;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private pendingOffset = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly secrets: Buffer[];
  private readonly holdback: number;
  private carry: Buffer = Buffer.alloc(0);
  private readonly redacted = Buffer.from(REDACTED);
  private closed = false;

  constructor(
    readonly path: string,
    private readonly emit: (offset: number, text: string) => void,
    secrets: readonly string[] = [],
  ) {
    this.fd = openSync(path, 'a');
    this.secrets = secrets.map((s) => Buffer.from(s));
    this.holdback = this.secrets.reduce((m, s) => Math.max(m, s.length - 1), 0);
  }

  get bytes(): number {
    return this.written;
  }

  write(chunk: Buffer): void {
    if (this.closed) return; // late output (a grandchild still holding the pipe) has nowhere to go
    // Whole lines (up to \n or \r) are scrubbed, so a secret or a secret-shaped value split
    // across chunks is still caught; an endless line is cut at MAX_LINE, keeping the last
    // (longest secret − 1) bytes back.
    const data = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    let cut = Math.max(data.lastIndexOf(10), data.lastIndexOf(13)) + 1;
    if (cut === 0 && data.length > MAX_LINE) cut = data.length - Math.max(this.holdback, 256);
    this.carry = cut < data.length ? Buffer.from(data.subarray(cut)) : Buffer.alloc(0);
    if (cut > 0) this.append(this.scrub(data.subarray(0, cut)));
  }

  /** A line of Greenlight's own (spawn errors, cancel notices), in the same stream. */
  note(line: string): void {
    this.write(Buffer.from(`[greenlight] ${line}\n`));
  }

  close(): void {
    if (this.closed) return;
    try {
      if (this.carry.length) this.append(this.scrub(this.carry));
      this.carry = Buffer.alloc(0);
      this.flush(true);
      try {
        fsyncSync(this.fd);
      } catch {
        // best effort: the bytes are written either way
      }
    } finally {
      // Even when the last write fails (a full disk), the fd is closed and never used again.
      this.closed = true;
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      closeSync(this.fd);
    }
  }

  private scrub(data: Buffer): Buffer {
    let out = this.scrubValues(data);
    // latin1 maps bytes to characters one to one: the shapes are ASCII, every other byte is kept.
    const text = out.toString('latin1');
    const shaped = redactShapes(text);
    if (shaped !== text) out = Buffer.from(shaped, 'latin1');
    return out;
  }

  private scrubValues(data: Buffer): Buffer {
    let out = data;
    for (const s of this.secrets) {
      let i = out.indexOf(s);
      if (i < 0) continue;
      const parts: Buffer[] = [];
      let from = 0;
      while (i >= 0) {
        parts.push(out.subarray(from, i), this.redacted);
        from = i + s.length;
        i = out.indexOf(s, from);
      }
      parts.push(out.subarray(from));
      out = Buffer.concat(parts);
    }
    return out;
  }

  private append(buf: Buffer): void {
    if (this.closed) return;
    let off = 0;
    while (off < buf.length) off += writeSync(this.fd, buf, off, buf.length - off);
    if (this.pendingBytes === 0) this.pendingOffset = this.written;
    this.written += buf.length;
    this.pending.push(buf);
    this.pendingBytes += buf.length;
    // Bound memory during a flood: keep only the newest bytes for the UI.
    while (this.pendingBytes - (this.pending[0]?.length ?? 0) >= MAX_EVENT_BYTES && this.pending.length > 1) {
      const dropped = this.pending.shift() as Buffer;
      this.pendingBytes -= dropped.length;
      this.pendingOffset += dropped.length;
    }
    this.timer ??= setTimeout(() => this.flush(false), EVENT_INTERVAL_MS);
  }

  private flush(final: boolean): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pendingBytes === 0) return;
    let data = Buffer.concat(this.pending, this.pendingBytes);
    let offset = this.pendingOffset;
    if (data.length > MAX_EVENT_BYTES) {
      offset += data.length - MAX_EVENT_BYTES;
      data = data.subarray(data.length - MAX_EVENT_BYTES);
    }
    // Start on a character boundary (skip UTF-8 continuation bytes after a cut).
    let start = 0;
    while (start < data.length && start < 4 && ((data[start] as number) & 0xc0) === 0x80) start++;
    // End on one too; an unfinished character waits for the next flush.
    const end = final ? data.length : completeUtf8End(data);
    const text = data.subarray(start, end).toString('utf8');
    const rest = data.subarray(end);
    this.pending = rest.length ? [Buffer.from(rest)] : [];
    this.pendingBytes = rest.length;
    this.pendingOffset = offset + end;
    if (text.length) this.emit(offset + start, text);
    if (rest.length && !final) this.timer = setTimeout(() => this.flush(false), EVENT_INTERVAL_MS);
  }
}

/** Length of the longest prefix that ends on a complete UTF-8 character. */
export function completeUtf8End(b: Buffer): number {
  const n = b.length;
  for (let back = 1; back <= Math.min(4, n); back++) {
    const c = b[n - back] as number;
    if ((c & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead
    const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    return need > back ? n - back : n;
  }
  return n;
}
