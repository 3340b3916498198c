/** Start an eval of a project (or an A/A pair of it, for its noise floor), or import a folder of artefacts from an earlier run. */
import { useState } from 'react';
import { api, ApiCallError } from '../api';
import { useApi } from '../useApi';
import { href } from '../router';

export function StartRunPanel({ projectId }: { projectId?: string }): React.JSX.Element {
  // With a project given there is nothing to choose: the list is not fetched.
  const projects = useApi(() => (projectId ? Promise.resolve([]) : api['projects.list']({})), [projectId]);
  const [picked, setPicked] = useState('');
  // The project in use is derived, not copied into state: the given one, else the pick, else the first.
  const chosen = projectId ?? (picked || projects.data?.[0]?.id || '');
  const [importPath, setImportPath] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const evals = useApi(() => (chosen ? api['runs.evals']({ projectId: chosen }) : Promise.resolve([])), [chosen]);
  const stages = useApi(() => (chosen ? api['runs.stages']({ projectId: chosen }) : Promise.resolve([])), [chosen]);

  async function act(what: () => Promise<{ id: string } | undefined>, fix: string, section?: string): Promise<void> {
    setBusy(true);
    setError(undefined);
    try {
      const run = await what();
      if (run) window.location.hash = section ? href('runs', run.id, section) : href('runs', run.id);
    } catch (err) {
      setError(`${err instanceof ApiCallError ? err.message : String(err)}. ${fix}`);
    } finally {
      setBusy(false);
    }
  }

  const noProject = !projectId && projects.data !== undefined && projects.data.length === 0;
  return (
    <div className="start-run">
      {!projectId && (
        <label>
          Project
          <select value={chosen} onChange={(e) => setPicked(e.target.value)} disabled={noProject}>
            {projects.data?.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {evals.data?.map((e) => (
        <span key={e.name} className="run-pair">
          <button type="button" className="primary" disabled={busy || !chosen} onClick={() => void act(() => api['runs.start']({ projectId: chosen, eval: e.name }).then((runs) => runs[0]), 'Fix the named field in greenlight.yaml, then run again.')}>
            Run {e.name}
          </button>
          {/* A/A: the same eval twice on this version; the pair's result (the noise floor) opens on the Statistics tab. */}
          <button
            type="button"
            disabled={busy || !chosen}
            title={`Run ${e.name} twice on this version with nothing changed: how far the two land apart is the size of change this eval cannot tell from noise`}
            onClick={() => void act(() => api['runs.start']({ projectId: chosen, eval: e.name, aa: true }).then((runs) => runs[0]), 'Fix the named field in greenlight.yaml, then run again.', 'statistics')}
          >
            A/A {e.name}
          </button>
        </span>
      ))}
      {stages.data && stages.data.length > 0 && (
        <button type="button" className="primary" disabled={busy || !chosen} title={stages.data.map((s) => s.name).join(' → ')} onClick={() => void act(() => api['runs.start']({ projectId: chosen, pipeline: true }).then((runs) => runs[0]), 'Fix the named field in greenlight.yaml, then run again.')}>
          Run pipeline ({stages.data.length} stages)
        </button>
      )}
      {evals.data && evals.data.length === 0 && chosen && <span className="muted">This project declares no evals in greenlight.yaml.</span>}
      {/* Without this the panel was silently empty (no Run button, no reason) when greenlight.yaml is broken. */}
      {evals.error && chosen && (
        <p className="inline-error" role="alert">
          No eval can be started: {evals.error}. Fix greenlight.yaml, then reload.
        </p>
      )}
      <form
        className="import-form"
        onSubmit={(e) => {
          e.preventDefault();
          void act(() => api['runs.import']({ projectId: chosen, dir: importPath.trim() }), 'Choose the folder an earlier eval wrote its artefacts into (for example eval-report.json, scorecard.json).');
        }}
      >
        <label htmlFor="import-path">Import a folder</label>
        <input id="import-path" value={importPath} onChange={(e) => setImportPath(e.target.value)} placeholder="/path/to/artefacts" />
        <button type="submit" disabled={busy || !chosen || !importPath.trim()}>
          Import
        </button>
      </form>
      {noProject && <p className="muted">Open a project first (Projects).</p>}
      {error && (
        <p className="inline-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
