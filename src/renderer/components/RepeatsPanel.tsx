/**
 * Repeated runs (issue 16): each metric's value in every epoch, the run-to-run standard
 * deviation, and for pass/fail items pass@k and pass^k. Read from the run's stored metrics.
 */
import type { RunDetail } from '../../shared/schemas';
import { fmtValue } from './format';
import { EmptyState } from './States';

interface Spread {
  k: number;
  per_epoch: number[];
  sd: number | null;
}
interface PassK {
  k: number;
  pass_at_k: number;
  pass_hat_k: number;
}

export function RepeatsPanel({ run }: { run: RunDetail }): React.JSX.Element {
  const rows = run.metrics.flatMap((m) => {
    const spread = m.runSpread as Spread | undefined;
    return spread ? [{ name: m.name, unit: typeof m.unit === 'string' ? m.unit : undefined, spread, passK: m.passK as PassK | undefined }] : [];
  });
  const k = rows[0]?.spread.k;
  return (
    <section aria-labelledby="repeats-title" className="panel">
      <h2 id="repeats-title">Repeats{k ? `: ${k} epochs` : ''}</h2>
      {rows.length === 0 ? (
        <EmptyState title="One epoch">
          <p>
            This run measured each item once, so there is no run-to-run spread to show. Add <span className="mono">repeats: 3</span> to the eval in greenlight.yaml to run
            it three times in one run: each item&apos;s epochs are averaged before any standard error, and pass/fail items get pass@k and pass^k.
          </p>
        </EmptyState>
      ) : (
        <>
          <p className="muted">
            Each item&apos;s epochs are averaged before its standard error, so n counts items, not outcomes. pass@{k}: the chance that at least one of {k} tries passes; pass^{k}:
            the chance that all {k} pass.
          </p>
          <div className="table-scroll">
            <table aria-label="Run-to-run spread" className="stats-table">
              <thead>
                <tr>
                  <th scope="col">Metric</th>
                  <th scope="col">Each epoch</th>
                  <th scope="col" className="num">Run-to-run SD</th>
                  <th scope="col" className="num">pass@{k}</th>
                  <th scope="col" className="num">pass^{k}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.name}>
                    <th scope="row">{r.name}</th>
                    <td className="mono">{r.spread.per_epoch.map((v) => fmtValue(v, r.unit, r.name)).join(' · ')}</td>
                    <td className="num">{r.spread.sd === null ? '—' : fmtValue(r.spread.sd, r.unit, r.name)}</td>
                    <td className="num">{r.passK ? fmtValue(r.passK.pass_at_k) : '—'}</td>
                    <td className="num">{r.passK ? fmtValue(r.passK.pass_hat_k) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {rows.some((r) => !r.passK) && <p className="muted small">pass@{k} and pass^{k} are shown for metrics whose items are pass/fail in every epoch.</p>}
        </>
      )}
    </section>
  );
}
