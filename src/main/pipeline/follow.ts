/**
 * Follow a job's log file that someone else writes — a Slurm job on the cluster's shared
 * filesystem, or a local job's child — with the runner's own file follower (issue 14's
 * LogFollower: byte offsets, the newest bytes during a flood, character boundaries), adding the
 * progress seen in the output. A pipeline job's log and a local run's log are followed by the
 * same code.
 */
import { ProgressTracker, type Progress } from '../../core/runner/progress';
import { LogFollower } from '../runner/log-follow';

export const PROGRESS_INTERVAL_MS = 250;

export class FileFollower {
  readonly progress = new ProgressTracker();
  private inner: LogFollower | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    readonly path: string,
    private readonly onText: (offset: number, text: string) => void,
    private readonly onProgress: (p: Progress) => void = () => {},
  ) {}

  start(): this {
    if (this.inner) return this;
    this.inner = new LogFollower(this.path, this.onText, (text) => this.progress.feed(text));
    this.timer = setInterval(() => this.report(), PROGRESS_INTERVAL_MS);
    this.timer.unref();
    return this;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.inner?.close();
    this.inner = null;
    this.report();
  }

  private report(): void {
    const p = this.progress.take();
    if (p) this.onProgress(p);
  }
}
