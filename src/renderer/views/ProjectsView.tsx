import { useState } from 'react';
import { api, ApiCallError } from '../api';
import { href } from '../router';
import { useApi } from '../useApi';

export function ProjectsView(): React.JSX.Element {
  const projects = useApi(() => api['projects.list']({}), []);
  const [path, setPath] = useState('');
  const [openError, setOpenError] = useState<string>();

  async function open(e: React.FormEvent): Promise<void> {
    e.preventDefault();
    setOpenError(undefined);
    try {
      await api['projects.open']({ path });
      setPath('');
      projects.reload();
    } catch (err) {
      setOpenError(err instanceof ApiCallError ? err.message : String(err));
    }
  }

  return (
    <section aria-labelledby="projects-title">
      <h1 id="projects-title">Projects</h1>
      <form className="open-project" onSubmit={(e) => void open(e)}>
        <label htmlFor="project-path">Open a project folder</label>
        <input
          id="project-path"
          value={path}
          onChange={(e) => setPath(e.target.value)}
          placeholder="/path/to/repository"
          aria-invalid={openError ? true : undefined}
          aria-describedby={openError ? 'project-path-error' : undefined}
        />
        <button type="submit" disabled={!path.trim()}>
          Open
        </button>
        {openError && (
          <p id="project-path-error" className="inline-error" role="alert">
            {openError}
          </p>
        )}
      </form>
      {projects.error && <p className="inline-error" role="alert">{projects.error}</p>}
      {projects.data && projects.data.length === 0 && (
        <p className="empty">No projects yet. Open a repository folder that holds a greenlight.yaml.</p>
      )}
      <ul className="project-list">
        {projects.data?.map((p) => (
          <li key={p.id} className="project-card">
            <h2>
              <a href={href('runs', p.id)}>{p.name}</a>
              {p.example && <span className="chip">example</span>}
            </h2>
            <p className="path">{p.path}</p>
            {p.configError && <p className="inline-error">{p.configError}</p>}
            <p className="latest">
              {p.latestRun
                ? `Latest run: ${p.latestRun.version ?? 'unversioned'} · ${p.latestRun.status}${p.latestRun.decision ? ` · ${p.latestRun.decision}` : ''}`
                : 'No runs yet'}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
