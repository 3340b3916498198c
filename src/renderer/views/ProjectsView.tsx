/**
 * Projects: open a folder (a path field here; the native dialog in the desktop app), recent
 * projects first, the example project, and per project its current release, latest
 * candidate and decision at a glance.
 */
import { useState } from 'react';
import { api, ApiCallError } from '../api';
import { href } from '../router';
import { useApi } from '../useApi';
import { ProjectCard } from '../components/ProjectCard';
import { EmptyState, ErrorState, Loading } from '../components/States';

export function ProjectsView({ face }: { face?: 'desktop' | 'browser' }): React.JSX.Element {
  const projects = useApi(() => api['projects.list']({}), []);
  const [path, setPath] = useState('');
  const [openError, setOpenError] = useState<string>();
  // A folder without greenlight.yaml: offer `greenlight init` instead of adding a broken project.
  const [needsInit, setNeedsInit] = useState<string>();

  async function open(e: React.FormEvent | null, chosen = path): Promise<void> {
    e?.preventDefault();
    setOpenError(undefined);
    setNeedsInit(undefined);
    try {
      const p = await api['projects.open']({ path: chosen });
      setPath('');
      window.location.hash = href('projects', p.id);
    } catch (err) {
      if (err instanceof ApiCallError && err.problems?.some((p) => p.path === 'greenlight.yaml')) setNeedsInit(chosen.trim());
      else setOpenError(err instanceof ApiCallError ? err.message : String(err));
    }
  }

  const sorted = [...(projects.data ?? [])].sort((a, b) => (b.lastOpenedAt ?? b.addedAt).localeCompare(a.lastOpenedAt ?? a.addedAt));
  // Two projects with one name (a fork, a second checkout) are told apart by their folder.
  const counts = new Map<string, number>();
  for (const p of sorted) counts.set(p.name, (counts.get(p.name) ?? 0) + 1);
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
          aria-describedby={openError ? 'project-path-error' : 'project-path-hint'}
        />
        <button type="submit" disabled={!path.trim()}>
          Open
        </button>
        {face === 'desktop' && (
          <button
            type="button"
            onClick={() =>
              void api['console.pickFolder']({}).then(
                (r) => r.path && void open(null, r.path),
                (err: unknown) => setOpenError(err instanceof Error ? err.message : String(err)),
              )
            }
          >
            Choose folder…
          </button>
        )}
        <p id="project-path-hint" className="hint">
          The repository folder that holds greenlight.yaml{face === 'desktop' ? '' : ' (on the machine that runs greenlight serve)'}.
        </p>
        {openError && (
          <p id="project-path-error" className="inline-error" role="alert">
            {openError}
          </p>
        )}
        {needsInit && <InitOffer dir={needsInit} onAdded={(id) => { setNeedsInit(undefined); setPath(''); window.location.hash = href('projects', id); }} />}
      </form>
      {projects.error && <ErrorState title="The projects could not be listed" message={projects.error} fix="Check that greenlight serve is still running, then try again." onRetry={projects.reload} />}
      {projects.loading && !projects.data && <Loading what="projects" />}
      {projects.data && projects.data.length === 0 && (
        <EmptyState title="No projects yet">
          <p>Open a repository folder that holds a greenlight.yaml (forgotten projects come back when their folder is opened again).</p>
        </EmptyState>
      )}
      <ul className="project-list" aria-label="Recent projects">
        {sorted.map((p) => (
          <li key={p.id}>
            <ProjectCard project={p} sameName={(counts.get(p.name) ?? 0) > 1} onForgotten={projects.reload} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * A folder without greenlight.yaml: offer to write a starting one — the CLI's `greenlight init`,
 * run by the console after the user confirms — then add the project. A refusal (not a folder,
 * a greenlight.yaml already there, a folder that cannot be written) is shown inline.
 */
function InitOffer({ dir, onAdded }: { dir: string; onAdded: (projectId: string) => void }): React.JSX.Element {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState<string>();

  async function init(): Promise<void> {
    setBusy(true);
    setRefused(undefined);
    try {
      const r = await api['projects.init']({ path: dir });
      onAdded(r.project.id);
    } catch (err) {
      setRefused(err instanceof ApiCallError ? err.message : String(err));
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div id="project-path-error" className="warnings" role="alert" aria-label="No greenlight.yaml">
      <p className="state-title">{dir} has no greenlight.yaml yet</p>
      <p>Greenlight needs one to know the evals and gates. It can write a starting one from what the folder holds (version source, eval artefacts, release tags), as <span className="mono">greenlight init {dir}</span> does in a terminal.</p>
      {!confirming && (
        <button type="button" onClick={() => setConfirming(true)} disabled={busy}>
          Make greenlight.yaml…
        </button>
      )}
      {confirming && (
        <div role="group" aria-label="Confirm greenlight init">
          <p>
            Write <span className="mono">{dir.replace(/\/+$/, '')}/greenlight.yaml</span>? Nothing else in the folder is changed, and an existing file is never overwritten.
          </p>
          <button type="button" className="primary" onClick={() => void init()} disabled={busy}>
            {busy ? 'Writing…' : 'Write greenlight.yaml and add the project'}
          </button>{' '}
          <button type="button" onClick={() => setConfirming(false)} disabled={busy}>
            Cancel
          </button>
        </div>
      )}
      {refused && (
        <p className="inline-error" role="status" aria-label="greenlight init refused">
          {refused}
        </p>
      )}
    </div>
  );
}
