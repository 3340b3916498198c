/** A pipeline run for the CLI (issue 17): `stages: {name: {status, decision, jobs: [...]}}` and live lines on stderr. */
import type { PipelineView } from '../../../shared/schemas';
import type { GreenlightEvent } from '../../../shared/events';

export function pipelineJson(view: PipelineView): Record<string, unknown> {
  return Object.fromEntries(
    view.stages.map((s) => [
      s.name,
      {
        status: s.status,
        decision: s.decision,
        failure_class: s.failureClass,
        executor: s.executor,
        needs: s.needs,
        gates: s.gates,
        notes: s.notes,
        jobs: s.jobs.map((j) => ({
          index: j.index,
          label: j.label,
          values: j.values,
          status: j.status,
          exit_code: j.exitCode,
          attempts: j.attempts,
          slurm_job_id: j.slurmJobId,
          slurm_state: j.slurmState,
          node: j.node,
          log_path: j.logPath,
          note: j.note,
        })),
      },
    ]),
  );
}

/** One stderr line per stage or job state change (not per log byte). */
export function pipelineProgress(out: NodeJS.WritableStream): (e: GreenlightEvent) => void {
  const last = new Map<string, string>();
  return (e) => {
    if (e.type === 'pipeline.stage') out.write(`greenlight: stage ${e.stage}: ${e.status}${e.decision ? ` (${e.decision}${e.failureClass ? `, ${e.failureClass}` : ''})` : ''}\n`);
    else if (e.type === 'pipeline.job') {
      // Progress moves often; print a job only when its state (or node) changes.
      const key = `${e.stage}#${e.job.index}`;
      const state = `${e.job.status}|${e.job.slurmJobId}|${e.job.slurmState}|${e.job.node}`;
      if (last.get(key) === state) return;
      last.set(key, state);
      const where = e.job.slurmJobId ? ` [slurm ${e.job.slurmJobId}${e.job.node ? ` on ${e.job.node}` : ''}${e.job.slurmState ? `, ${e.job.slurmState}` : ''}]` : '';
      out.write(`greenlight:   ${e.job.label}: ${e.job.status}${where}${e.job.note ? ` — ${e.job.note}` : ''}\n`);
    }
  };
}
