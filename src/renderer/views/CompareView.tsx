/**
 * Compare a run with the previous release (the default) or with any other run: metrics with
 * deltas and intervals, regressions first, a chart, gate changes and comparability warnings.
 */
import { useState } from 'react';
import { api } from '../api';
import { useApi } from '../useApi';
import type { RunDetail } from '../../shared/schemas';
import { DiffTable } from '../components/DiffTable';
import { DeltaChart } from '../lazy';
import { EmptyState, ErrorState, Loading } from '../components/States';
import { fmtNum, fmtSigned, fmtSignedInterval } from '../components/format';
import { GateChip, type GateStatusName } from '../components/StatusChip';
import { ItemFlipsPanel } from '../components/ItemFlipsPanel';

const PREVIOUS = 'previous-release';

export function CompareView({ run }: { run: RunDetail }): React.JSX.Element {
  const [against, setAgainst] = useState<string>(PREVIOUS);
  const others = useApi(() => api['runs.list']({ projectId: run.projectId, limit: 200, offset: 0 }), [run.projectId]);
  const diff = useApi(
    () => api['diff.run']({ runId: run.id, ...(against === PREVIOUS ? {} : { againstRunId: against }) }),
    [run.id, against, run.status],
  );
  const d = diff.data;

  return (
    <div className="compare-view">
      <section className="panel" aria-labelledby="compare-title">
        <div className="panel-head">
          <h2 id="compare-title">Compare</h2>
          <label>
            Against{' '}
            <select value={against} onChange={(e) => setAgainst(e.target.value)}>
              <option value={PREVIOUS}>the previous release</option>
              {others.data?.runs
                .filter((r) => r.id !== run.id)
                .map((r) => (
                  <option key={r.id} value={r.id}>
                    run {r.id} · {r.version ?? 'unversioned'} · {r.status}
                    {r.decision ? ` · ${r.decision}` : ''}
                  </option>
                ))}
            </select>
          </label>
        </div>
        {diff.loading && !d && <Loading what="the comparison" />}
        {diff.error && (
          <ErrorState
            title="Nothing to compare with"
            message={diff.error}
            fix={against === PREVIOUS ? 'Tag a release (the tag pattern is in greenlight.yaml) or pick another run to compare with.' : 'Pick another run: this one may have no metrics.'}
          />
        )}
        {d && (
          <>
            <p className="compare-sides">
              <strong>{d.baseline.label}</strong> ({d.baseline.version ? `v${d.baseline.version}` : 'unversioned'}) → <strong>{d.candidate.label}</strong> (
              {d.candidate.version ? `v${d.candidate.version}` : 'unversioned'})
              {d.aggregate.delta !== null && (
                <>
                  {' '}
                  · aggregate {fmtNum(d.aggregate.baseline)} → {fmtNum(d.aggregate.candidate)} ({fmtSigned(d.aggregate.delta)}
                  {d.aggregate.interval ? `, 95% ${fmtSignedInterval(d.aggregate.interval)}` : ''})
                </>
              )}
            </p>
            {(!d.comparable || d.warnings.length > 0) && (
              <div className="warnings" role="note" aria-label="Comparability warnings">
                <p className="state-title">{d.comparable ? 'Read with care' : 'These two are not comparable'}</p>
                <ul>
                  {d.warnings.map((w) => (
                    <li key={w}>{w}</li>
                  ))}
                </ul>
              </div>
            )}
            {d.metrics.length === 0 ? (
              <EmptyState title="No metric in common">The two sides share no metric name.</EmptyState>
            ) : (
              <>
                <DiffTable rows={d.metrics} baselineLabel={d.baseline.label} candidateLabel={d.candidate.label} />
                <DeltaChart rows={d.metrics} />
              </>
            )}
            {d.items ? (
              <ItemFlipsPanel flips={d.items} runId={run.id} against={against === PREVIOUS ? undefined : against} />
            ) : (
              <p className="muted">Item by item: {against === PREVIOUS ? 'a release card keeps no items, so no item can be paired; pick a run to see which items flipped.' : 'the two runs share no item id.'}</p>
            )}
            {(d.added.length > 0 || d.removed.length > 0) && (
              <p className="muted">
                {d.added.length > 0 && `Added: ${d.added.join(', ')}. `}
                {d.removed.length > 0 && `Removed: ${d.removed.join(', ')}.`}
              </p>
            )}
            {d.gates.some((g) => g.changed) && (
              <>
                <h3>Gate status changes</h3>
                <table aria-label="Gate changes" className="gate-changes">
                  <thead>
                    <tr>
                      <th scope="col">Gate</th>
                      <th scope="col">{d.baseline.label}</th>
                      <th scope="col">{d.candidate.label}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.gates
                      .filter((g) => g.changed)
                      .map((g) => (
                        <tr key={g.name}>
                          <th scope="row">{g.name}</th>
                          <td>{g.baseline ? <GateChip status={g.baseline as GateStatusName} underpowered={g.underpowered?.baseline ?? false} /> : '—'}</td>
                          <td>{g.candidate ? <GateChip status={g.candidate as GateStatusName} underpowered={g.underpowered?.candidate ?? false} /> : '—'}</td>
                        </tr>
                      ))}
                  </tbody>
                </table>
              </>
            )}
          </>
        )}
      </section>
    </div>
  );
}
