/**
 * Progress recognised in an eval's output (SPEC §2.6): `12/220` counters, percentages and
 * tqdm bars (`45%|████▌     | 99/220 [00:10<00:12,  9.50it/s]`). Pure: the runner feeds it
 * text as it arrives and it answers with the latest progress seen.
 */

export interface Progress {
  done: number;
  total: number | null;
  fraction: number | null;
  etaSeconds: number | null;
}

const TQDM = /(\d{1,3}(?:\.\d+)?)%\|[^|]*\|\s*(\d+(?:\.\d+)?[kMG]?)\/(\d+(?:\.\d+)?[kMG]?)\s*\[([\d:]+)<([\d:?]+)/;
const COUNTER = /(?:^|[^\w./:-])(\d{1,9})\s*\/\s*(\d{1,9})(?![\w./:-]|\d)/g;
const PERCENT = /(?:^|[^\w.])(\d{1,3}(?:\.\d+)?)\s?%(?!\w)/g;

/** The progress in one line of output, or null when the line holds none. */
export function parseProgressLine(line: string): Progress | null {
  const t = TQDM.exec(line);
  if (t) {
    const done = unit(t[2] as string);
    const total = unit(t[3] as string);
    if (total > 0 && done <= total) {
      return { done, total, fraction: clamp(done / total), etaSeconds: clock(t[5] as string) };
    }
  }
  let counter: Progress | null = null;
  for (const m of line.matchAll(COUNTER)) {
    const done = Number(m[1]);
    const total = Number(m[2]);
    // A date (2026/11), a ratio of zero, or done beyond total is not a progress counter.
    if (total > 0 && done <= total) counter = { done, total, fraction: clamp(done / total), etaSeconds: null };
  }
  if (counter) return counter;
  let pct: Progress | null = null;
  for (const m of line.matchAll(PERCENT)) {
    const v = Number(m[1]);
    if (v >= 0 && v <= 100) pct = { done: v, total: 100, fraction: clamp(v / 100), etaSeconds: null };
  }
  return pct;
}

/**
 * Feeds chunks of output, splits on `\n` and `\r` (tqdm redraws with `\r`), and keeps the
 * latest progress. Partial lines are held until complete, but a long partial tail is also
 * looked at so a bar that never ends its line still shows.
 *
 * After a complete count (220/220), one lower count is not progress: it is an eval's closing
 * summary (the example's `accuracy 0.9045 (199/220)`). Counting that starts again — the next
 * epoch of `repeats`, a second pass — shows once a second, higher count of the same total
 * follows it.
 */
export class ProgressTracker {
  private tail = '';
  latest: Progress | null = null;
  private changed = false;
  /** A lower count seen after a complete one: shown only when counting goes on from it. */
  private held: Progress | null = null;

  feed(text: string): void {
    // Only the newest output matters; during a flood look at the last few kilobytes alone.
    let input = this.tail + text;
    if (input.length > 8192) {
      input = input.slice(-8192);
      const cut = input.search(/[\r\n]/);
      input = cut >= 0 ? input.slice(cut + 1) : input;
    }
    const parts = input.split(/\r\n|\r|\n/);
    this.tail = parts.pop() ?? '';
    if (this.tail.length > 4096) this.tail = this.tail.slice(-4096);
    // tqdm redraws with a leading `\r`, so its current bar is the unfinished tail: the newest
    // output, looked at before the complete lines (which hold older redraws).
    if (TQDM.test(this.tail)) {
      const p = parseProgressLine(this.tail);
      if (p) {
        this.offer(p);
        return;
      }
    }
    // Only the last lines matter for "latest"; scanning from the end keeps floods cheap. The
    // newest two counts, oldest first: a summary after the final count comes in the same chunk.
    const found: Progress[] = [];
    for (let i = parts.length - 1; i >= 0 && i >= parts.length - 50 && found.length < 2; i--) {
      const p = parseProgressLine(parts[i] as string);
      if (p) found.unshift(p);
    }
    for (const p of found) this.offer(p);
  }

  /** Take the progress if it changed since the last take. */
  take(): Progress | null {
    if (!this.changed) return null;
    this.changed = false;
    return this.latest;
  }

  private offer(p: Progress): void {
    const l = this.latest;
    if (l && l.fraction === 1 && p.fraction !== 1) {
      const h = this.held;
      const goesOn = h !== null && h.total === p.total && p.done > h.done;
      if (!goesOn) {
        this.held = p;
        return;
      }
    }
    this.held = null;
    this.set(p);
  }

  private set(p: Progress): void {
    const l = this.latest;
    if (l && l.done === p.done && l.total === p.total && l.etaSeconds === p.etaSeconds) return;
    this.latest = p;
    this.changed = true;
  }
}

/**
 * The progress of an eval that ran to its end (every epoch exited 0): complete, whatever its
 * last counter said. An eval's closing summary often has the shape of a counter — the
 * example's `accuracy 0.9045 (199/220)` — and a parser cannot tell it from progress (with
 * `repeats`, a counter that falls back after a full one is the next epoch starting), but the
 * runner knows the eval finished. Null stays null: no progress was ever shown.
 */
export function completedProgress(p: Progress | null): Progress | null {
  if (!p) return null;
  return { done: p.total ?? p.done, total: p.total, fraction: 1, etaSeconds: null };
}

function unit(s: string): number {
  const m = /^(\d+(?:\.\d+)?)([kMG]?)$/.exec(s);
  if (!m) return Number.NaN;
  return Number(m[1]) * ({ '': 1, k: 1e3, M: 1e6, G: 1e9 }[m[2] as '' | 'k' | 'M' | 'G'] ?? 1);
}

function clock(s: string): number | null {
  if (s.includes('?')) return null;
  const parts = s.split(':').map(Number);
  if (parts.some((n) => !Number.isFinite(n))) return null;
  return parts.reduce((acc, n) => acc * 60 + n, 0);
}

function clamp(x: number): number {
  return Math.min(1, Math.max(0, x));
}
