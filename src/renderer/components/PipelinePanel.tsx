/**
 * The pipeline of a run, live (issue 17): each stage with where it runs, what it needs, its
 * state and decision; its jobs (matrix values, state, Slurm job id and node, attempts,
 * progress); its gates. Pick a job to follow its output.
 */
import { useState } from 'react';
import { usePipeline } from '../usePipeline';
import { DecisionChip } from './StatusChip';
import type { PipelineJob, PipelineStage } from '../../shared/schemas';

const TONE: Record<string, string> = {
  passed: 'pass',
  reused: 'pass',
  succeeded: 'pass',
  failed: 'fail',
  transient: 'anomalous',
  interrupted: 'anomalous',
  cancelled: 'skipped',
  skipped: 'skipped',
  pending: 'skipped',
  queued: 'skipped',
  running: 'running',
};

export function PipelinePanel({ runId }: { runId: string }): React.JSX.Element {
  const { view, error, logs } = usePipeline(runId);
  const [picked, setPicked] = useState<string | null>(null);
  if (error) return <p className="inline-error">The pipeline could not be loaded: {error}</p>;
  if (view === undefined) return <p className="muted">Loading the pipeline…</p>;
  if (view === null) return <></>;
  const key = picked ?? firstActive(view.stages);
  return (
    <section className="pipeline" aria-label="Pipeline">
      <ol className="pipeline-stages">
        {view.stages.map((s) => (
          <Stage key={s.name} stage={s} picked={key} onPick={setPicked} />
        ))}
      </ol>
      {key && (
        <div className="pipeline-log">
          <h3>
            Output of <span className="mono">{key.replace('#', ' job ')}</span>
          </h3>
          <pre className="log mono" aria-label={`output of ${key}`}>
            {logs[key] ?? 'No output since this page opened (the whole log is in the run folder).'}
          </pre>
        </div>
      )}
    </section>
  );
}

function Stage({ stage: s, picked, onPick }: { stage: PipelineStage; picked: string | null; onPick: (k: string) => void }): React.JSX.Element {
  return (
    <li className="pipeline-stage" data-stage={s.name} data-status={s.status}>
      <header>
        <strong>{s.name}</strong> <span className={`chip status-${TONE[s.status] ?? 'skipped'}`}>{s.status}</span>{' '}
        {s.decision && <DecisionChip decision={s.decision} failureClass={s.failureClass} />}
        <span className="muted"> · {s.executor}</span>
        {s.needs.length > 0 && <span className="muted"> · needs {s.needs.join(', ')}</span>}
      </header>
      {s.jobs.length > 0 && (
        <table className="pipeline-jobs">
          <thead>
            <tr>
              <th>job</th>
              <th>state</th>
              <th>where</th>
              <th>attempts</th>
              <th>progress</th>
            </tr>
          </thead>
          <tbody>
            {s.jobs.map((j) => (
              <Job key={j.index} job={j} selected={picked === `${s.name}#${j.index}`} onPick={() => onPick(`${s.name}#${j.index}`)} />
            ))}
          </tbody>
        </table>
      )}
      {s.gates.length > 0 && (
        <ul className="pipeline-gates">
          {s.gates.map((g) => (
            <li key={g.name} data-gate={g.name}>
              <span className={`chip status-${g.status}`}>{g.status}</span> {g.name}
            </li>
          ))}
        </ul>
      )}
      {s.notes.map((n, i) => (
        <p key={i} className="muted small">
          {n}
        </p>
      ))}
    </li>
  );
}

function Job({ job: j, selected, onPick }: { job: PipelineJob; selected: boolean; onPick: () => void }): React.JSX.Element {
  const pct = j.progress?.fraction !== null && j.progress?.fraction !== undefined ? Math.round(j.progress.fraction * 100) : null;
  return (
    <tr data-job={j.label} data-status={j.status} className={selected ? 'selected' : undefined}>
      <td>
        <button type="button" className="link" onClick={onPick} aria-pressed={selected}>
          {j.label}
        </button>
      </td>
      <td>
        <span className={`chip status-${TONE[j.status] ?? 'skipped'}`}>{j.status}</span>
        {j.slurmState && <span className="muted mono"> {j.slurmState}</span>}
        {j.note && j.status !== 'succeeded' && <div className="muted small">{j.note}</div>}
      </td>
      <td className="mono">{j.slurmJobId ? `${j.slurmJobId}${j.node ? ` @ ${j.node}` : ''}` : 'local'}</td>
      <td>{j.attempts}</td>
      {/* A finished job is done, whatever its last progress line said (evals print counts every few items). */}
      <td data-progress>{j.status === 'succeeded' ? 'done' : pct !== null ? `${pct}%${j.progress?.total ? ` (${j.progress.done}/${j.progress.total})` : ''}` : '—'}</td>
    </tr>
  );
}

function firstActive(stages: readonly PipelineStage[]): string | null {
  for (const s of stages) for (const j of s.jobs) if (j.status === 'running') return `${s.name}#${j.index}`;
  return null;
}
