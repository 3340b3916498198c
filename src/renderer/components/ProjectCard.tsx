/** One project at a glance: current release, latest candidate, its decision. */
import { useState } from 'react';
import type { Project } from '../../shared/schemas';
import { href } from '../router';
import { useApi } from '../useApi';
import { api } from '../api';
import { DecisionChip, RunStatusChip } from './StatusChip';
import { fmtAggregate } from './format';

export function ProjectCard({ project: p, sameName = false, onForgotten }: { project: Project; sameName?: boolean; onForgotten?: () => void }): React.JSX.Element {
  const overview = useApi(() => api['console.project']({ projectId: p.id }), [p.id]);
  const current = overview.data?.currentRelease;
  const [forgetError, setForgetError] = useState<string>();
  // With a twin of the same name, the folder is part of the name (shown whole, not cut off).
  const label = sameName ? `${p.name} (${p.path})` : p.name;
  return (
    <article className="project-card" aria-labelledby={`project-${p.id}`}>
      <h2 id={`project-${p.id}`} aria-label={label}>
        <a href={href('projects', p.id)}>{p.name}</a>
        {p.example && <span className="chip">example</span>}
      </h2>
      <p className={sameName ? 'path same-name' : 'path'} title={p.path}>
        {p.path}
      </p>
      {p.configError && <p className="inline-error">{p.configError}</p>}
      <dl className="glance">
        <dt>Current release</dt>
        <dd>{current ? `v${current.version}${current.aggregate !== null ? ` · ${fmtAggregate(current.aggregate)}` : ''}` : overview.error ? 'unknown (the project could not be read)' : overview.data ? 'none yet' : 'loading…'}</dd>
        <dt>Latest candidate</dt>
        <dd>
          {p.latestRun ? (
            <a href={href('runs', p.latestRun.id)}>
              {p.latestRun.version ? `v${p.latestRun.version}` : 'unversioned'} <RunStatusChip status={p.latestRun.status} />
            </a>
          ) : (
            'no runs yet'
          )}
        </dd>
        <dt>Decision</dt>
        <dd>{p.latestRun?.decision ? <DecisionChip decision={p.latestRun.decision} /> : '—'}</dd>
      </dl>
      <button
        type="button"
        className="link-button forget"
        aria-label={`Forget ${label}`}
        title="Take it off this list; its runs and its folder are kept, and opening the folder again brings it back"
        onClick={() =>
          void api['projects.forget']({ projectId: p.id }).then(
            () => onForgotten?.(),
            (err: unknown) => setForgetError(err instanceof Error ? err.message : String(err)),
          )
        }
      >
        Forget
      </button>
      {forgetError && <p className="inline-error">{forgetError}</p>}
    </article>
  );
}
