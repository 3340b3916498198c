/** One project at a glance: current release, latest candidate, its decision. */
import type { Project } from '../../shared/schemas';
import { href } from '../router';
import { useApi } from '../useApi';
import { api } from '../api';
import { DecisionChip, RunStatusChip } from './StatusChip';

export function ProjectCard({ project: p }: { project: Project }): React.JSX.Element {
  const overview = useApi(() => api['console.project']({ projectId: p.id }), [p.id]);
  const current = overview.data?.currentRelease;
  return (
    <article className="project-card" aria-labelledby={`project-${p.id}`}>
      <h2 id={`project-${p.id}`}>
        <a href={href('projects', p.id)}>{p.name}</a>
        {p.example && <span className="chip">example</span>}
      </h2>
      <p className="path" title={p.path}>
        {p.path}
      </p>
      {p.configError && <p className="inline-error">{p.configError}</p>}
      <dl className="glance">
        <dt>Current release</dt>
        <dd>{current ? `v${current.version}${current.aggregate !== null ? ` · ${current.aggregate}` : ''}` : overview.error ? 'unknown (the project could not be read)' : overview.data ? 'none yet' : 'loading…'}</dd>
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
    </article>
  );
}
