/**
 * Crash safety (SPEC §2.6): when any face starts, runs still marked queued or running whose
 * owning process is gone become `interrupted`. Their log and run folder stay as they are.
 */
import { statSync } from 'node:fs';
import type { AppContext } from '../api/context';
import { markInterrupted, unfinishedRuns } from '../store/run-records';
import { isAlive } from './pid';

export function recoverInterruptedRuns(ctx: AppContext): string[] {
  const out: string[] = [];
  for (const r of unfinishedRuns(ctx.db)) {
    // This process has only just started: a run that names it as owner is a reused pid.
    if (r.owner_pid !== null && r.owner_pid !== process.pid && isAlive(r.owner_pid)) continue;
    let bytes: number | null = null;
    try {
      if (r.log_path) bytes = statSync(r.log_path).size;
    } catch {
      bytes = null;
    }
    markInterrupted(ctx.db, r.id, `interrupted: the Greenlight process that ran it (pid ${r.owner_pid ?? '?'}) ended before the run finished; its log is kept`, bytes);
    ctx.events.emit({ type: 'run.status', runId: r.id, status: 'interrupted' });
    out.push(r.id);
  }
  return out;
}
