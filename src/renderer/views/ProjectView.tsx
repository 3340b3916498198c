/** One project: start an eval or import, its releases and trends, its runs. */
import { useState } from 'react';
import { api } from '../api';
import { useApi } from '../useApi';
import { href } from '../router';
import { StartRunPanel } from '../components/StartRunPanel';
import type { TrendPoint } from '../components/TrendChart';
import { TrendChart } from '../lazy';
import { RunsView } from './RunsView';
import { EmptyState, ErrorState, Loading } from '../components/States';
import type { ProjectOverview } from '../../shared/calls/console';

export function ProjectView({ id }: { id: string }): React.JSX.Element {
  const overview = useApi(() => api['console.project']({ projectId: id }), [id]);
  if (overview.error) return <ErrorState title="This project could not be opened" message={overview.error} fix="Go back to Projects and open its folder again." onRetry={overview.reload} />;
  if (!overview.data) return <Loading what="the project" />;
  const o = overview.data;
  return (
    <section aria-labelledby="project-title" className="project-view">
      <div className="view-head">
        <p className="crumbs">
          <a href={href('projects')}>Projects</a>
        </p>
        <h1 id="project-title">{o.project.name}</h1>
        <p className="path">{o.project.path}</p>
      </div>
      {o.problems.length > 0 && (
        <div className="state state-error" role="alert">
          <p className="state-title">greenlight.yaml has problems</p>
          <ul>
            {o.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
          <p className="state-fix">Fix the named fields in the project's greenlight.yaml, then reload.</p>
        </div>
      )}
      <section className="panel" aria-labelledby="start-title">
        <h2 id="start-title">Evaluate</h2>
        <StartRunPanel projectId={id} />
      </section>
      <Releases overview={o} />
      <section className="panel">
        <RunsView projectId={id} embedded />
      </section>
    </section>
  );
}

function Releases({ overview: o }: { overview: ProjectOverview }): React.JSX.Element {
  const names = [...new Set(o.releases.flatMap((r) => r.metrics.map((m) => m.name)))].sort();
  // Ratios chart well together; unbounded quantities (cost, latency) are there to pick.
  const [chosen, setChosen] = useState<string[]>(() => names.filter((n) => o.releases.every((r) => r.metrics.every((m) => m.name !== n || (m.value >= 0.05 && m.value <= 1)))).slice(0, 3));
  const aggregateName = o.aggregateName ?? 'aggregate';
  const aggPoints: TrendPoint[] = o.releases.map((r) => ({ version: r.version, values: { [aggregateName]: r.aggregate } }));
  const metricPoints: TrendPoint[] = o.releases.map((r) => {
    const values: TrendPoint['values'] = {};
    const errors: NonNullable<TrendPoint['errors']> = {};
    for (const m of r.metrics) {
      values[m.name] = m.value;
      if (m.ci95) errors[m.name] = [m.value - m.ci95[0], m.ci95[1] - m.value];
    }
    return { version: r.version, values, errors };
  });
  return (
    <section className="panel" aria-labelledby="releases-title">
      <h2 id="releases-title">Releases and trends</h2>
      {o.releasesError && <p className="muted">{o.releasesError}</p>}
      {o.releases.length === 0 ? (
        <EmptyState title="No release yet">
          <p>Releases are git tags matching {o.tagPattern ? <code>{o.tagPattern}</code> : 'the tag pattern in greenlight.yaml'}. Publish an accepted run to make the first one.</p>
        </EmptyState>
      ) : (
        <>
          <table aria-label="Releases">
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Tag</th>
                <th scope="col" className="num">{aggregateName}</th>
                <th scope="col">Problems</th>
              </tr>
            </thead>
            <tbody>
              {[...o.releases].reverse().map((r) => (
                <tr key={r.tag}>
                  <th scope="row">v{r.version}</th>
                  <td className="mono">{r.tag}</td>
                  <td className="num">{r.aggregate ?? '—'}</td>
                  <td>{r.problems.length ? r.problems.join('; ') : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="chart-grid">
            <TrendChart title={`${aggregateName} across releases`} points={aggPoints} series={[aggregateName]} />
            {names.length > 0 && (
              <div>
                <fieldset className="metric-picker">
                  <legend>Metrics to chart</legend>
                  {names.map((n) => (
                    <label key={n}>
                      <input type="checkbox" checked={chosen.includes(n)} onChange={(e) => setChosen((c) => (e.target.checked ? [...c, n] : c.filter((x) => x !== n)))} /> {n}
                    </label>
                  ))}
                </fieldset>
                {chosen.length > 0 && <TrendChart title="Chosen metrics across releases" points={metricPoints} series={chosen} />}
              </div>
            )}
          </div>
        </>
      )}
    </section>
  );
}
