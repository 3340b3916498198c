/**
 * Up to eight runs side by side (as Braintrust allows): one row per metric, one column per
 * run, each value with its 95% interval, and a chart of the same numbers. The run whose page
 * this is comes first; the others are kept in the URL (`runs=a,b`) so the view can be shared.
 */
import { Bar, BarChart, CartesianGrid, ErrorBar, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api } from '../api';
import { useApi } from '../useApi';
import { useViewState } from '../router';
import type { RunDetail, RunSummary } from '../../shared/schemas';
import { fmtNum, fmtValue } from './format';
import { SERIES, CHART } from './chartTheme';

export const MAX_SIDE_BY_SIDE = 8;

interface MetricLike {
  name: string;
  value: number | null;
  unit?: string;
  n?: number;
  ci95?: [number, number];
  higherIsBetter?: boolean;
}

export function SideBySide({ run, choices }: { run: RunDetail; choices: readonly RunSummary[] }): React.JSX.Element {
  const [param, setParam] = useViewState('runs');
  const ids = (param ?? '').split(',').filter((id) => id && id !== run.id).slice(0, MAX_SIDE_BY_SIDE - 1);
  const others = useApi(() => Promise.all(ids.map((id) => api['runs.get']({ id }))), [ids.join(',')]);
  const runs = [run, ...(others.data ?? []).filter((r): r is RunDetail => r !== null)];
  const set = (next: string[]): void => setParam(next.length ? next.join(',') : undefined);
  const full = ids.length >= MAX_SIDE_BY_SIDE - 1;
  const names = [...new Set(runs.flatMap((r) => (r.metrics as MetricLike[]).filter((m) => typeof m.value === 'number').map((m) => m.name)))];
  const metricOf = (r: RunDetail, name: string): MetricLike | undefined => (r.metrics as MetricLike[]).find((m) => m.name === name);

  return (
    <section className="panel" aria-labelledby="side-title">
      <div className="panel-head">
        <h2 id="side-title">Side by side</h2>
        <label>
          Add a run{' '}
          <select
            value=""
            disabled={full}
            onChange={(e) => {
              if (e.target.value) set([...ids, e.target.value]);
            }}
          >
            <option value="">{full ? `at most ${MAX_SIDE_BY_SIDE} runs` : 'choose…'}</option>
            {choices
              .filter((r) => r.id !== run.id && !ids.includes(r.id))
              .map((r) => (
                <option key={r.id} value={r.id}>
                  run {r.id} · {r.version ?? 'unversioned'} · {r.status}
                </option>
              ))}
          </select>
        </label>
        <span className="muted">
          {runs.length} of at most {MAX_SIDE_BY_SIDE} runs
        </span>
      </div>
      {others.error && <p className="inline-error">{others.error}</p>}
      {runs.length < 2 ? (
        <p className="muted">Add runs to see their metrics in columns beside this one.</p>
      ) : (
        <>
          <div className="table-scroll">
            <table aria-label="Runs side by side" className="side-table">
              <thead>
                <tr>
                  <th scope="col">Metric</th>
                  {runs.map((r, i) => (
                    <th scope="col" key={r.id} className="num">
                      run {r.id}
                      <span className="gate-kind">{r.version ? `v${r.version}` : 'unversioned'}</span>
                      {i > 0 && (
                        <button type="button" className="link-button" aria-label={`Remove run ${r.id}`} onClick={() => set(ids.filter((id) => id !== r.id))}>
                          remove
                        </button>
                      )}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {names.map((name) => (
                  <tr key={name}>
                    <th scope="row">{name}</th>
                    {runs.map((r) => {
                      const m = metricOf(r, name);
                      return (
                        <td key={r.id} className="num">
                          {m ? fmtValue(m.value, m.unit, name) : '—'}
                          {m?.ci95 && <span className="muted"> [{fmtNum(m.ci95[0])}, {fmtNum(m.ci95[1])}]</span>}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <SideBySideChart runs={runs} names={names.filter((n) => runs.every((r) => { const v = metricOf(r, n)?.value; return v === undefined || v === null || (v >= 0 && v <= 1); }))} metricOf={metricOf} />
        </>
      )}
    </section>
  );
}

/** Proportions only (0–1): a cost or a latency on the same axis would flatten every rate. */
function SideBySideChart({ runs, names, metricOf }: { runs: RunDetail[]; names: string[]; metricOf: (r: RunDetail, n: string) => MetricLike | undefined }): React.JSX.Element | null {
  if (names.length === 0) return null;
  const data = names.map((name) => {
    const row: Record<string, unknown> = { name };
    for (const r of runs) {
      const m = metricOf(r, name);
      row[r.id] = m?.value ?? null;
      row[`${r.id}__err`] = m?.ci95 && typeof m.value === 'number' ? [m.value - m.ci95[0], m.ci95[1] - m.value] : [0, 0];
    }
    return row;
  });
  return (
    <figure className="chart" aria-label="Proportions of the runs side by side, with 95% intervals">
      <figcaption>Proportions per run, with 95% intervals</figcaption>
      <div style={{ width: '100%', height: Math.max(200, 60 + names.length * runs.length * 14) }} aria-hidden="true">
        <ResponsiveContainer>
          <BarChart data={data} layout="vertical" margin={{ top: 4, right: 24, bottom: 4, left: 8 }} accessibilityLayer={false}>
            <CartesianGrid stroke={CHART.grid} horizontal={false} />
            <XAxis type="number" domain={[0, 1]} />
            <YAxis type="category" dataKey="name" width={150} />
            <Tooltip />
            <Legend />
            {runs.map((r, i) => (
              <Bar key={r.id} dataKey={r.id} name={`run ${r.id}`} fill={SERIES[i % SERIES.length]} isAnimationActive={false} barSize={10}>
                <ErrorBar dataKey={`${r.id}__err`} direction="x" width={4} stroke={CHART.muted} />
              </Bar>
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
