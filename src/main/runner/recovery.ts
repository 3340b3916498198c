/**
 * Crash safety (SPEC §2.6): when any face starts, runs still marked queued or running whose
 * owning process is gone become `interrupted`. Their log (masked: see LogMasker) and run folder
 * stay as they are.
 * An eval the dead console left behind (its own process group) is stopped, but only when
 * the process with that pid is verifiably the same command — a reused pid is left alone.
 */
import { readFileSync, statSync } from 'node:fs';
import { onStartup, type AppContext } from '../context/context';
import { markInterrupted, unfinishedRuns, type UnfinishedRun } from '../store/run-records';
import { isAlive } from './pid';
import { maskLogFile } from './log-mask';
import { adoptClusterRuns } from '../pipeline/adopt';
import { loadProject } from '../project/load';

export function recoverInterruptedRuns(ctx: AppContext, followed: ReadonlySet<string> = new Set()): string[] {
  const out: string[] = [];
  for (const r of unfinishedRuns(ctx.db)) {
    if (followed.has(r.id)) continue; // a pipeline run whose jobs are on the cluster: followed, not interrupted
    // This process has only just started: a run that names it as owner is a reused pid.
    if (r.owner_pid !== null && r.owner_pid !== process.pid && isAlive(r.owner_pid)) continue;
    const stopped = stopOrphan(r);
    // The log was followed (and masked) by the process that died: what it had not reached yet
    // may hold secret-shaped values, so the whole file is masked now.
    let bytes: number | null = r.log_path ? maskLogFile(r.log_path) : null;
    try {
      if (r.log_path && bytes === null) bytes = statSync(r.log_path).size;
    } catch {
      bytes = null;
    }
    const note =
      `interrupted: the Greenlight process that ran it (pid ${r.owner_pid ?? '?'}) ended before the run finished; its log is kept` +
      (stopped ? `; the eval it left running (pid ${r.child_pid}) was stopped` : '');
    // Another process may have finished or recovered it meanwhile: then there is nothing to announce.
    if (!markInterrupted(ctx.db, r.id, note, bytes)) continue;
    ctx.events.emit({ type: 'run.status', runId: r.id, status: 'interrupted' });
    out.push(r.id);
  }
  return out;
}

function stopOrphan(r: UnfinishedRun): boolean {
  if (r.child_pid === null || !isAlive(r.child_pid) || !sameCommand(r.child_pid, r.command_json)) return false;
  try {
    process.kill(-r.child_pid, 'SIGTERM');
    setTimeout(() => {
      try {
        process.kill(-(r.child_pid as number), 'SIGKILL');
      } catch {
        // gone already
      }
    }, 3000).unref();
    return true;
  } catch {
    return false;
  }
}

/** Linux only: the live process's argv must end with the stored command's arguments. */
function sameCommand(pid: number, commandJson: string | null): boolean {
  if (process.platform !== 'linux' || !commandJson) return false;
  try {
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter((a, i, all) => i < all.length - 1 || a !== '');
    const stored = JSON.parse(commandJson) as string[];
    if (stored.length === 0 || argv.length < stored.length) return false;
    const tail = argv.slice(argv.length - stored.length + 1);
    return stored.slice(1).every((a, i) => a === '[redacted]' || a === tail[i]);
  } catch {
    return false;
  }
}

// Every face that loads the runner, at start: runs whose owner died become `interrupted`.
// Pipeline runs whose Slurm jobs are still on the cluster are not interrupted: a console follows them again.
onStartup((ctx) => {
  recoverInterruptedRuns(ctx, adoptClusterRuns(ctx, loadProject));
});
