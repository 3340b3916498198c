/** The run history: filters (status, version, decision), search, a virtualised list. */
import { useDeferredValue, useState } from 'react';
import { DecisionSchema, RunStatusSchema, type DecisionName, type RunStatus } from '../../shared/schemas';
import { RunTable } from '../components/RunTable';
import { EmptyState, ErrorState, Loading } from '../components/States';
import { useRunPages } from '../useRunPages';
import { StartRunPanel } from '../components/StartRunPanel';

export function RunsView({ projectId, embedded }: { projectId?: string; embedded?: boolean }): React.JSX.Element {
  const [status, setStatus] = useState<RunStatus | ''>('');
  const [decision, setDecision] = useState<DecisionName | ''>('');
  const [version, setVersion] = useState('');
  const [search, setSearch] = useState('');
  const deferredSearch = useDeferredValue(search.trim());
  const deferredVersion = useDeferredValue(version.trim());
  const query = {
    ...(projectId ? { projectId } : {}),
    ...(status ? { status } : {}),
    ...(decision ? { decision } : {}),
    ...(deferredVersion ? { version: deferredVersion } : {}),
    ...(deferredSearch ? { search: deferredSearch } : {}),
  };
  const { pages, error, needPage, reload } = useRunPages(query);
  const filtered = Boolean(status || decision || version.trim() || search.trim());

  return (
    <section aria-labelledby="runs-title" className="runs-view">
      <div className="view-head">
        {embedded ? <h2 id="runs-title">Runs</h2> : <h1 id="runs-title">Runs</h1>}
        {pages && <span className="muted">{pages.total.toLocaleString()} {pages.total === 1 ? 'run' : 'runs'}{filtered ? ' match' : ''}</span>}
      </div>
      {!embedded && <StartRunPanel projectId={projectId} onStarted={reload} />}
      <form className="filters" role="search" aria-label="Filter runs" onSubmit={(e) => e.preventDefault()}>
        <label>
          Search
          <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="id, project, eval, commit" />
        </label>
        <label>
          Status
          <select value={status} onChange={(e) => setStatus(e.target.value as RunStatus | '')}>
            <option value="">any</option>
            {RunStatusSchema.options.map((s) => (
              <option key={s} value={s}>
                {s.replace('_', ' ')}
              </option>
            ))}
          </select>
        </label>
        <label>
          Decision
          <select value={decision} onChange={(e) => setDecision(e.target.value as DecisionName | '')}>
            <option value="">any</option>
            {DecisionSchema.options.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </label>
        <label>
          Version
          <input value={version} onChange={(e) => setVersion(e.target.value)} placeholder="e.g. 0.3.0" size={10} />
        </label>
        {filtered && (
          <button
            type="button"
            onClick={() => {
              setStatus('');
              setDecision('');
              setVersion('');
              setSearch('');
            }}
          >
            Clear filters
          </button>
        )}
      </form>
      {error && <ErrorState title="The run list could not be loaded" message={error} fix="Check that the console host is still running, then try again." onRetry={reload} />}
      {!pages && !error && <Loading what="runs" />}
      {pages && pages.total === 0 && (
        <EmptyState title={filtered ? 'No run matches these filters' : 'No runs yet'}>
          <p>{filtered ? 'Clear a filter or change the search.' : 'Start an eval above, or import a folder of artefacts from an earlier run.'}</p>
        </EmptyState>
      )}
      {pages && pages.total > 0 && <RunTable pages={pages} onNeedPage={needPage} />}
    </section>
  );
}
