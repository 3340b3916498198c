/** The run history: filters (status, version, decision), search, a virtualised list. */
import { useViewState } from '../router';
import { DecisionSchema, RunStatusSchema, type DecisionName, type RunStatus } from '../../shared/schemas';
import { RunTable } from '../components/RunTable';
import { EmptyState, ErrorState, Loading } from '../components/States';
import { useRunPages } from '../useRunPages';
import { StartRunPanel } from '../components/StartRunPanel';
import { runStatusLabel } from '../components/StatusChip';
import { useDebounced } from '../useDebounced';

export function RunsView({ projectId, embedded }: { projectId?: string; embedded?: boolean }): React.JSX.Element {
  // Filters live in the URL (#/runs?status=failed&q=…): a reload or a pasted link shows the same list.
  const [statusParam, setStatusParam] = useViewState('status');
  const [decisionParam, setDecisionParam] = useViewState('decision');
  const [versionParam, setVersionParam] = useViewState('version');
  const [searchParam, setSearchParam] = useViewState('q');
  const status = (RunStatusSchema.options as readonly string[]).includes(statusParam ?? '') ? (statusParam as RunStatus) : '';
  const decision = (DecisionSchema.options as readonly string[]).includes(decisionParam ?? '') ? (decisionParam as DecisionName) : '';
  const version = versionParam ?? '';
  const search = searchParam ?? '';
  const setStatus = (v: RunStatus | ''): void => setStatusParam(v || undefined);
  const setDecision = (v: DecisionName | ''): void => setDecisionParam(v || undefined);
  const setVersion = (v: string): void => setVersionParam(v || undefined);
  const setSearch = (v: string): void => setSearchParam(v || undefined);
  // Typing waits for a pause before it queries (a deferred value would still query every key).
  const debouncedSearch = useDebounced(search.trim(), 250);
  const debouncedVersion = useDebounced(version.trim(), 250);
  const query = {
    ...(projectId ? { projectId } : {}),
    ...(status ? { status } : {}),
    ...(decision ? { decision } : {}),
    ...(debouncedVersion ? { version: debouncedVersion } : {}),
    ...(debouncedSearch ? { search: debouncedSearch } : {}),
  };
  const { pages, error, needPage, reload } = useRunPages(query);
  const filtered = Boolean(status || decision || version.trim() || search.trim());

  return (
    <section aria-labelledby="runs-title" className="runs-view">
      <div className="view-head">
        {embedded ? <h2 id="runs-title">Runs</h2> : <h1 id="runs-title">Runs</h1>}
        {pages && <span className="muted">{pages.total.toLocaleString()} {pages.total === 1 ? 'run' : 'runs'}{filtered ? ' match' : ''}</span>}
      </div>
      {!embedded && <StartRunPanel projectId={projectId} />}
      <form className="filters" role="search" aria-label="Filter runs" onSubmit={(e) => e.preventDefault()}>
        <label>
          Search
          <input type="search" data-search-focus="" aria-keyshortcuts="/" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="id, project, eval, commit" />
        </label>
        <FilterSelect label="Status" value={status} options={RunStatusSchema.options} optionLabel={runStatusLabel} onChange={setStatus} />
        <FilterSelect label="Decision" value={decision} options={DecisionSchema.options} onChange={setDecision} />
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

/** One filter: "any" or one of the options. */
function FilterSelect<T extends string>({ label, value, options, optionLabel = (o) => o, onChange }: { label: string; value: T | ''; options: readonly T[]; optionLabel?: (o: T) => string; onChange: (v: T | '') => void }): React.JSX.Element {
  return (
    <label>
      {label}
      <select value={value} onChange={(e) => onChange(e.target.value as T | '')}>
        <option value="">any</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {optionLabel(o)}
          </option>
        ))}
      </select>
    </label>
  );
}
