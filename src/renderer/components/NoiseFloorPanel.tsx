/**
 * The noise floor of a run's eval (issue 16): an A/A pair — the same version run twice with
 * nothing changed — and how far apart the two landed, metric by metric and item by item. A
 * change between releases smaller than this cannot be told from noise. From here the user can
 * start a new A/A pair, as `greenlight run --eval E --aa` does.
 */
import { useEffect, useState } from 'react';
import { api, ApiCallError, onEvent } from '../api';
import { useApi } from '../useApi';
import { href, useViewState } from '../router';
import { itemsHref } from '../itemsLink';
import type { NoiseFloorView, NoiseRow, RunDetail } from '../../shared/schemas';
import { fmtDate, fmtSigned, fmtSignedInterval, fmtValue } from './format';
import { EmptyState, ErrorState, Loading } from './States';
import { RunStatusChip } from './StatusChip';

/** Start an A/A pair of an eval; on success the page moves to the pair's first run. */
export function useStartAa(): { start: (projectId: string, evalName: string) => Promise<void>; busy: boolean; error: string | undefined } {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  async function start(projectId: string, evalName: string): Promise<void> {
    setBusy(true);
    setError(undefined);
    try {
      const runs = await api['runs.start']({ projectId, eval: evalName, aa: true });
      if (runs[0]) window.location.hash = href('runs', runs[0].id, 'statistics');
    } catch (err) {
      setError(`${err instanceof ApiCallError ? err.message : String(err)}. Fix the named field in greenlight.yaml, then try again.`);
    } finally {
      setBusy(false);
    }
  }
  return { start, busy, error };
}

export function NoiseFloorPanel({ run }: { run: RunDetail }): React.JSX.Element | null {
  const floor = useApi(() => api['runs.noiseFloor']({ id: run.id }), [run.id, run.status]);
  const aa = useStartAa();
  const { reload } = floor;
  const pending = floor.data?.state === 'running';
  // While a pair is running, follow its runs: the result appears when both have ended. The
  // slow poll covers an end that happened between the last load and the subscription.
  useEffect(() => {
    if (!pending) return undefined;
    const off = onEvent((e) => {
      if (e.type === 'run.status' && (e.runId === floor.data?.first.id || e.runId === floor.data?.second.id)) reload();
    });
    const timer = setInterval(reload, 3000);
    return () => {
      off();
      clearInterval(timer);
    };
  }, [pending, floor.data?.first.id, floor.data?.second.id]);
  if (!run.eval || run.eval === 'pipeline') return null;
  const evalName = run.eval;
  const startButton = (label: string): React.JSX.Element => (
    <button type="button" disabled={aa.busy} onClick={() => void aa.start(run.projectId, evalName)} title={`Run ${evalName} twice on this version, as greenlight run --eval ${evalName} --aa does`}>
      {aa.busy ? 'Starting…' : label}
    </button>
  );
  return (
    <section aria-labelledby="noise-title" className="panel">
      <div className="panel-head">
        <h2 id="noise-title">Noise floor (A/A)</h2>
        {floor.data && startButton('Measure again (A/A)')}
      </div>
      {floor.loading && floor.data === undefined && <Loading what="the noise floor" />}
      {floor.error && <ErrorState title="The noise floor could not be loaded" message={floor.error} onRetry={reload} />}
      {floor.data === null && (
        <EmptyState title={`No noise floor for ${evalName} yet`}>
          <p>
            An A/A run starts {evalName} twice on the same version with nothing changed. Whatever separates the two runs is noise: it shows, item by item, the size of change
            this eval cannot tell from noise.
          </p>
          {startButton(`Measure the noise floor of ${evalName} (A/A)`)}
        </EmptyState>
      )}
      {floor.data && <NoiseFloorResult view={floor.data} />}
      {aa.error && (
        <p className="inline-error" role="alert">
          {aa.error}
        </p>
      )}
    </section>
  );
}

function PairLine({ view: v }: { view: NoiseFloorView }): React.JSX.Element {
  const run = (r: NoiseFloorView['first']): React.JSX.Element => (
    <a href={href('runs', r.id, 'statistics')} className="mono">
      {r.id}
    </a>
  );
  return (
    <p>
      {v.own ? 'This run is one of an A/A pair' : 'Measured by an A/A pair of this eval'}: runs {run(v.first)} and {run(v.second)}
      {v.first.version ? ` of v${v.first.version}` : ''}, the same version run twice with nothing changed
      {v.state === 'ready' && v.second.endedAt ? ` (ended ${fmtDate(v.second.endedAt)})` : ''}.
    </p>
  );
}

function NoiseFloorResult({ view: v }: { view: NoiseFloorView }): React.JSX.Element {
  if (v.state !== 'ready') {
    return (
      <div role="status" aria-label="A/A pair">
        <PairLine view={v} />
        <p>
          <RunStatusChip status={v.first.status} /> <RunStatusChip status={v.second.status} />{' '}
          {v.state === 'running' ? 'The noise floor appears here when both runs have ended.' : 'One of the two runs did not succeed, so this pair measures no noise floor. Read its log on the Run tab, then measure again.'}
        </p>
      </div>
    );
  }
  return (
    <div role="status" aria-label="A/A pair">
      <PairLine view={v} />
      <p className="muted">A change between releases smaller than the noise floor cannot be told from noise on this eval: it is no evidence that anything changed.</p>
      <div className="table-scroll">
        <table aria-label="Noise floor" className="stats-table">
          <thead>
            <tr>
              {/* The floor first: at 800 px the table scrolls, and the number that matters stays in view. */}
              <th scope="col">Metric</th>
              <th scope="col" className="num">Noise floor</th>
              <th scope="col">95% interval of Δ</th>
              <th scope="col">Items that differ</th>
              <th scope="col" className="num">First run</th>
              <th scope="col" className="num">Second run</th>
              <th scope="col" className="num">Δ</th>
            </tr>
          </thead>
          <tbody>
            {v.rows.map((r) => (
              <tr key={r.metric}>
                <th scope="row">{r.metric}</th>
                <td className="num">{r.noise_floor === null ? '—' : `±${fmtValue(r.noise_floor * r.scale, undefined, r.metric)}`}</td>
                <td>{r.interval ? fmtSignedInterval({ lo: r.interval[0] * r.scale, hi: r.interval[1] * r.scale }, undefined, r.metric) : '—'}</td>
                <td>
                  {r.paired_items === null ? (
                    <span className="muted">no per-item outcomes</span>
                  ) : (
                    <>
                      {r.flipped} of {r.paired_items}
                      {(r.flipped ?? 0) > 0 && (
                        <>
                          {' '}
                          <a href={itemsHref(v.second.id, { flipped: 'any', against: v.first.id })} className="small">
                            open in Items
                          </a>
                        </>
                      )}
                    </>
                  )}
                </td>
                <td className="num">{fmtValue(r.first, undefined, r.metric)}</td>
                <td className="num">{fmtValue(r.second, undefined, r.metric)}</td>
                <td className="num">{fmtSigned(r.difference, undefined, r.metric)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <DifferingItems view={v} />
    </div>
  );
}

/** A pass/fail item reads as such; an item's mean over epochs stays a number. */
function outcome(v: number): string {
  return v === 1 ? 'pass' : v === 0 ? 'fail' : fmtValue(v);
}

/** The items of one metric whose outcome differs between the two runs; the metric is kept in the URL (`noise=`). */
function DifferingItems({ view: v }: { view: NoiseFloorView }): React.JSX.Element | null {
  const withItems = v.rows.filter((r) => r.differing.length > 0);
  const [picked, setPicked] = useViewState('noise');
  const row: NoiseRow | undefined = withItems.find((r) => r.metric === picked) ?? withItems[0];
  if (!row) return null;
  return (
    <div className="noise-items">
      <h3 id="noise-items-title">Items that differ between the two runs</h3>
      {withItems.length > 1 && (
        <label>
          Metric{' '}
          <select value={row.metric} onChange={(e) => setPicked(e.target.value)}>
            {withItems.map((r) => (
              <option key={r.metric} value={r.metric}>
                {r.metric}
              </option>
            ))}
          </select>
        </label>
      )}
      <table aria-labelledby="noise-items-title" className="stats-table compact">
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col" className="num">First run</th>
            <th scope="col" className="num">Second run</th>
          </tr>
        </thead>
        <tbody>
          {row.differing.map((d) => (
            <tr key={d.id}>
              <th scope="row" className="mono">
                <a href={itemsHref(v.second.id, { search: d.id })}>{d.id}</a>
              </th>
              <td className="num">{outcome(d.first)}</td>
              <td className="num">{outcome(d.second)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {(row.flipped ?? 0) > row.differing.length && (
        <p className="muted small">
          The first {row.differing.length} of {row.flipped}; <a href={itemsHref(v.second.id, { flipped: 'any', against: v.first.id })}>all of them in Items</a>.
        </p>
      )}
      {row.differing.some((d) => !Number.isInteger(d.first) || !Number.isInteger(d.second)) && (
        <p className="muted small">With repeats, an item&apos;s value is its mean over the epochs (the share of its tries that passed).</p>
      )}
    </div>
  );
}
