/**
 * At start (issue 17): a pipeline run whose Slurm jobs are still queued or running and whose
 * Greenlight process is gone is not interrupted — the cluster kept working. A long-lived face
 * (the desktop or browser console) follows those jobs again and finishes the chain; a one-shot
 * CLI command leaves them for the console rather than marking them interrupted.
 */
import type { AppContext } from '../context/context';
import { runsWithClusterJobs } from '../store/pipelines';
import { isAlive } from '../runner/pid';
import type { LoadedProject } from '../project/load';
import { pipelineRunner } from './runner';

export function adoptClusterRuns(ctx: AppContext, load: (dir: string) => LoadedProject): Set<string> {
  const out = new Set<string>();
  for (const id of runsWithClusterJobs(ctx.db)) {
    const row = ctx.db.prepare('SELECT r.owner_pid AS owner, p.path AS path FROM runs r JOIN projects p ON p.id = r.project_id WHERE r.id = ?').get(id) as { owner: number | null; path: string } | undefined;
    if (!row) continue;
    out.add(id);
    if (row.owner !== null && row.owner !== process.pid && isAlive(row.owner)) continue; // its process still follows it
    if (ctx.face === 'cli') continue;
    try {
      pipelineRunner(ctx).adopt(id, load(row.path));
    } catch {
      // The project cannot be read any more: leave the run for recovery to mark interrupted.
      out.delete(id);
    }
  }
  return out;
}
