import { api } from '../api';
import { useApi } from '../useApi';

export function RunsView(): React.JSX.Element {
  const runs = useApi(() => api['runs.list']({ limit: 100, offset: 0 }), []);
  return (
    <section aria-labelledby="runs-title">
      <h1 id="runs-title">Runs</h1>
      {runs.error && <p className="inline-error" role="alert">{runs.error}</p>}
      {runs.data && runs.data.total === 0 && <p className="empty">No runs yet. Start an eval from a project, or import a folder of artefacts.</p>}
      {runs.data && runs.data.total > 0 && (
        <table aria-label="Runs">
          <thead>
            <tr>
              <th scope="col">Run</th>
              <th scope="col">Project</th>
              <th scope="col">Version</th>
              <th scope="col">Status</th>
              <th scope="col">Decision</th>
            </tr>
          </thead>
          <tbody>
            {runs.data.runs.map((r) => (
              <tr key={r.id}>
                <td>{r.id}</td>
                <td>{r.project}</td>
                <td>{r.version ?? '—'}</td>
                <td>{r.status}</td>
                <td>{r.decision ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
