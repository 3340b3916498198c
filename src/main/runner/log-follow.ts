/**
 * The run's log when no secret value needs scrubbing (no named secret in the eval's
 * environment): the child writes straight into the log file — its stdout and stderr are the
 * file's descriptor, exactly as `command > file 2>&1` — and Greenlight follows the file for the
 * live log, progress and events. No pipe, no copy through this process: capture runs at the
 * speed of the disk (issue 14). When the eval's environment holds secrets, `LogSink` reads
 * through a pipe instead and scrubs every byte before it reaches the file.
 *
 * Secret-SHAPED values (tokens, credentials in URLs, Bearer headers) can be printed whatever
 * the environment holds, so the follower masks them in the file behind the child (LogMasker:
 * in place, same length) and sends only masked bytes: events carry complete lines (a line
 * still being written waits for its end, as with `LogSink`), and at the end every byte of the
 * file has been masked.
 *
 * Events are as `LogSink` sends them: every `EVENT_INTERVAL_MS`, the newest bytes (at most
 * `MAX_EVENT_BYTES`) with their byte offset, starting and ending on character boundaries;
 * a gap in offsets means bytes skipped during a flood, which the client reads with `runs.log`.
 */
import { close as closeFd, closeSync, fstatSync, fsync, openSync, readSync, realpathSync, statSync, truncateSync, watch, writeSync, type FSWatcher } from 'node:fs';
import { completeUtf8End, EVENT_INTERVAL_MS, MAX_EVENT_BYTES } from './log-sink';
import { LogMasker, MAX_LINE } from './log-mask';

/** Logs of ended runs still being flushed to the disk (see LogFollower.close). */
const pendingFlushes = new Set<Promise<void>>();

/** Resolves once every ended run's log has reached the disk (benchmarks wait on it between cases). */
export function logsFlushed(): Promise<void> {
  return Promise.all([...pendingFlushes]).then(() => undefined);
}

/** At most this long masking per look at the file, so the event loop stays free for the rest. */
const MASK_BUDGET_MS = 10;
/**
 * Growth between two looks that makes a flood (issue 14). In a flood the follower looks again
 * each time the file changes (inotify), masking on the other core while the child writes, so
 * that at its exit little is left; otherwise a change brings a look at most every
 * QUIET_LOOK_MS (a steady trickle of lines costs no busy loop), and the ticks remain for
 * filesystems that do not report changes.
 */
const FLOOD_BYTES = 64 * 1024;
const QUIET_LOOK_MS = 10;

export class LogFollower {
  /** The descriptor the child writes to (append mode; also read back from here). */
  readonly fd: number;
  /** The log's real path, as /proc shows it for the processes writing to it. */
  readonly realPath: string;
  /** Bytes sent as events (masked). */
  private seen = 0;
  /** Bytes given to the progress tracker (as written). */
  private fed = 0;
  private size = 0;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly buf = Buffer.allocUnsafe(MAX_EVENT_BYTES);
  /** For masking in place (not the append-mode descriptor: see LogMasker). */
  private readonly maskFd: number;
  private readonly masker: LogMasker;
  private catchUp: NodeJS.Immediate | null = null;
  private watcher: FSWatcher | null = null;
  /** The last look found a flood's worth of new bytes. */
  private flood = false;
  private lastLook = 0;

  constructor(
    readonly path: string,
    private readonly emit: (offset: number, text: string) => void,
    /**
     * The newest output as text, for the progress tracker (after a skip, a line break first).
     * Read as written, unmasked and without waiting for a line's end — a tqdm bar redraws
     * without one — because the tracker keeps nothing of it but counts.
     */
    private readonly onText: (text: string) => void,
  ) {
    this.fd = openSync(path, 'a+');
    this.maskFd = openSync(path, 'r+');
    // Masking starts at the file's start: a followed-again file (a cluster job adopted by a
    // restarted console) may hold bytes written while nobody followed it. Events start at its end.
    this.masker = new LogMasker(this.fd, this.maskFd);
    this.realPath = realpathSync(path);
    this.size = this.seen = this.fed = fstatSync(this.fd).size;
    this.timer = setInterval(() => this.poll(false), EVENT_INTERVAL_MS);
    try {
      this.watcher = watch(path, { persistent: false }, () => this.wake());
      this.watcher.on('error', () => this.watcher?.close());
    } catch {
      this.watcher = null; // the ticks alone
    }
  }

  /** The file changed: look again soon (see FLOOD_BYTES). */
  private wake(): void {
    if (this.closed || this.catchUp !== null) return;
    if (!this.flood && performance.now() - this.lastLook < QUIET_LOOK_MS) return;
    this.lookSoon();
  }

  private lookSoon(): void {
    this.catchUp = setImmediate(() => {
      this.catchUp = null;
      this.poll(false, false);
    });
  }

  /** Bytes in the log so far (as of the last look at the file). */
  get bytes(): number {
    return this.size;
  }

  /** A line of Greenlight's own (spawn errors, cancel notices), appended after the child's output. */
  note(line: string): void {
    if (this.closed) return;
    const b = Buffer.from(`[greenlight] ${line}\n`);
    let off = 0;
    while (off < b.length) off += writeSync(this.fd, b, off, b.length - off);
  }

  /** The child is gone: send what is left, and stop. Returns the log's final size. */
  close(): number {
    if (this.closed) return this.size;
    try {
      this.poll(true);
    } finally {
      this.closed = true;
      if (this.timer) clearInterval(this.timer);
      this.timer = null;
      if (this.catchUp) clearImmediate(this.catchUp);
      this.watcher?.close();
      this.watcher = null;
      this.catchUp = null;
      closeSync(this.maskFd);
      // Flushed to the disk behind the run, not before its end is recorded: 200 MB take 60–90 ms
      // to sync here, which `command > file` leaves to the kernel altogether (issue 14). The
      // store commits the same way (WAL, synchronous = NORMAL); the masked bytes are already in
      // the file, so any reader sees them whether or not they have reached the disk yet.
      const fd = this.fd;
      const flushed = new Promise<void>((resolve) => fsync(fd, () => closeFd(fd, () => resolve())));
      pendingFlushes.add(flushed);
      void flushed.then(() => pendingFlushes.delete(flushed));
    }
    return this.size;
  }

  /**
   * Look at the file: mask what is new, and (the ticks every EVENT_INTERVAL_MS, and the last
   * look) send events and progress — the extra looks during a flood only mask.
   */
  private poll(final: boolean, send = true): void {
    if (this.closed) return;
    const before = this.size;
    this.size = fstatSync(this.fd).size;
    const masked = this.masker.advance(this.size, final, final ? Number.POSITIVE_INFINITY : MASK_BUDGET_MS);
    if (!final) {
      this.lastLook = performance.now();
      this.flood = this.size - before >= FLOOD_BYTES;
      // Behind a flood: mask on as soon as the event loop is free, not only at the next change.
      if (this.catchUp === null && this.size - masked > MAX_LINE) this.lookSoon();
      if (!send) return;
    }
    this.feedProgress(final);
    if (masked <= this.seen) return;
    // Only the newest masked bytes go to the UI; the rest is in the file for `runs.log`.
    const from = Math.max(this.seen, masked - MAX_EVENT_BYTES);
    const data = this.read(from, masked);
    let start = 0;
    if (from > this.seen) start = continuationBytes(data);
    const end = final ? data.length : completeUtf8End(data);
    if (end <= start) return;
    this.seen = from + end;
    this.emit(from + start, data.subarray(start, end).toString('utf8'));
  }

  private feedProgress(final: boolean): void {
    if (this.size <= this.fed) return;
    const from = Math.max(this.fed, this.size - MAX_EVENT_BYTES);
    const skipped = from > this.fed;
    const data = this.read(from, this.size);
    const start = skipped ? continuationBytes(data) : 0;
    const end = final ? data.length : completeUtf8End(data);
    if (end <= start) return;
    this.fed = from + end;
    const text = data.subarray(start, end).toString('utf8');
    this.onText(skipped ? `\n${text}` : text);
  }

  /** Bytes [from, to) of the log (at most MAX_EVENT_BYTES), in the follower's one buffer. */
  private read(from: number, to: number): Buffer {
    let got = 0;
    while (got < to - from) {
      const n = readSync(this.fd, this.buf, got, to - from - got, from + got);
      if (n === 0) break;
      got += n;
    }
    return this.buf.subarray(0, got);
  }
}

/** UTF-8 continuation bytes at the start of a read that began inside a character. */
function continuationBytes(data: Buffer): number {
  let start = 0;
  while (start < data.length && start < 4 && ((data[start] as number) & 0xc0) === 0x80) start++;
  return start;
}

/**
 * After the run, the log holds what was written while it ran. A detached grandchild may still
 * hold the file and write later (with a pipe, those bytes had nowhere to go); while this
 * process runs, such late bytes are cut off as they arrive. Returns the stop function.
 */
export function sealLog(path: string, bytes: number): () => void {
  const cut = (): void => {
    try {
      if (statSync(path).size > bytes) truncateSync(path, bytes);
    } catch {
      // the log was moved or deleted: nothing to seal
    }
  };
  let watcher: FSWatcher | null = null;
  try {
    watcher = watch(path, { persistent: false }, cut);
    watcher.on('error', () => watcher?.close());
  } catch {
    return () => {};
  }
  cut();
  return () => watcher?.close();
}
