/**
 * Follow a log file that someone else writes — a Slurm job on a shared filesystem, or a local
 * child writing its own log — and hand on what is appended, with byte offsets, and the
 * progress seen in it. Polls the size (inotify does not see writes made on another NFS
 * client), reads only the new bytes, never holds the whole file.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { ProgressTracker, type Progress } from '../../core/runner/progress';
import { completeUtf8End } from '../runner/log-sink';

export const FOLLOW_INTERVAL_MS = 250;
const CHUNK = 256 * 1024;

export class FileFollower {
  private offset = 0;
  private carry = Buffer.alloc(0);
  private timer: NodeJS.Timeout | null = null;
  readonly progress = new ProgressTracker();

  constructor(
    readonly path: string,
    private readonly onText: (offset: number, text: string) => void,
    private readonly onProgress: (p: Progress) => void = () => {},
    private readonly intervalMs = FOLLOW_INTERVAL_MS,
  ) {}

  get bytes(): number {
    return this.offset + this.carry.length;
  }

  start(): this {
    this.timer ??= setInterval(() => this.poll(), this.intervalMs);
    this.timer.unref();
    return this;
  }

  /** Read what was appended since the last call. */
  poll(final = false): void {
    let size: number;
    try {
      size = statSync(this.path).size;
    } catch {
      return; // not written yet (a pending job)
    }
    const from = this.offset + this.carry.length;
    if (size > from) {
      const fd = openSync(this.path, 'r');
      try {
        let at = from;
        while (at < size) {
          const buf = Buffer.alloc(Math.min(CHUNK, size - at));
          const n = readSync(fd, buf, 0, buf.length, at);
          if (n <= 0) break;
          at += n;
          this.take(buf.subarray(0, n), false);
        }
      } finally {
        closeSync(fd);
      }
    }
    if (final && this.carry.length) this.take(Buffer.alloc(0), true);
    const p = this.progress.take();
    if (p) this.onProgress(p);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.poll(true);
  }

  private take(chunk: Buffer, final: boolean): void {
    const data = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    const end = final ? data.length : completeUtf8End(data);
    const text = data.subarray(0, end).toString('utf8');
    this.carry = Buffer.from(data.subarray(end));
    if (text) {
      this.progress.feed(text);
      this.onText(this.offset, text);
    }
    this.offset += end;
  }
}
