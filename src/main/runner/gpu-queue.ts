/**
 * One eval per GPU at a time (SPEC §2.6). In this process a FIFO per GPU; across processes
 * (a CLI run while the console runs another) a run also waits while the store shows another
 * live process running on the same GPU.
 */
import type { Db } from '../store/db';
import { isAlive } from './pid';

interface Waiter {
  id: string;
  resolve: (granted: boolean) => void;
}

export class GpuQueue {
  private readonly busy = new Set<string>();
  private readonly waiting = new Map<string, Waiter[]>();
  private readonly aborted = new Set<string>();

  constructor(private readonly db: Db, private readonly pollMs = 1000) {}

  /** Resolves with a release function once the GPU is free (at once for CPU-only evals). */
  async acquire(id: string, gpu: string | null): Promise<() => void> {
    // Whatever happens, the run's abort mark goes when it releases (ids are never reused).
    const forget = (): void => void this.aborted.delete(id);
    if (gpu === null) return forget;
    if (this.busy.has(gpu)) {
      const granted = await new Promise<boolean>((resolve) => {
        const list = this.waiting.get(gpu) ?? [];
        list.push({ id, resolve });
        this.waiting.set(gpu, list);
      });
      if (!granted) return forget; // cancelled while queued: the GPU was never ours
    } else this.busy.add(gpu);
    let released = false;
    const release = (): void => {
      if (released) return;
      released = true;
      this.aborted.delete(id);
      // Hand the GPU straight to the next in line, so nobody slips in between.
      const next = this.waiting.get(gpu)?.shift();
      if (next) next.resolve(true);
      else this.busy.delete(gpu);
    };
    while (!this.aborted.has(id) && this.db.open && this.otherProcessOn(gpu)) {
      await new Promise((r) => setTimeout(r, this.pollMs));
    }
    return release;
  }

  /** A queued run was cancelled: let it through at once (without the GPU) so it can record that. */
  abort(id: string): void {
    this.aborted.add(id);
    for (const list of this.waiting.values()) {
      const i = list.findIndex((w) => w.id === id);
      if (i >= 0) list.splice(i, 1)[0]?.resolve(false);
    }
  }

  abortAll(): void {
    for (const list of this.waiting.values()) for (const w of [...list]) this.abort(w.id);
  }

  private otherProcessOn(gpu: string): boolean {
    const rows = this.db
      .prepare("SELECT owner_pid FROM runs WHERE status = 'running' AND gpu = ? AND owner_pid IS NOT NULL AND owner_pid != ?")
      .all(gpu, process.pid) as Array<{ owner_pid: number }>;
    return rows.some((r) => isAlive(r.owner_pid));
  }
}
