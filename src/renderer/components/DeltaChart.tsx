/** Deltas (candidate − baseline) with their 95% interval bars; red where a metric got worse. */
import { Bar, BarChart, CartesianGrid, Cell, ErrorBar, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { MetricDiff } from '../../core/diff/schema';
import { CHART } from './chartTheme';
import { fmtSigned, fmtSignedInterval } from './format';
import { isWorse, sortRegressionsFirst } from './DiffTable';

export function DeltaChart({ rows }: { rows: readonly MetricDiff[] }): React.JSX.Element | null {
  const data = sortRegressionsFirst(rows)
    .filter((r) => r.delta !== null)
    .map((r) => ({
      name: r.name,
      delta: r.delta ?? 0,
      err: r.interval ? [(r.delta ?? 0) - r.interval.lo, r.interval.hi - (r.delta ?? 0)] : [0, 0],
      worse: isWorse(r.verdict),
      label: `${fmtSigned(r.delta)}${r.interval ? ` ${fmtSignedInterval(r.interval)}` : ''}`,
    }));
  if (data.length === 0) return null;
  return (
    <figure className="chart" aria-label="Deltas with 95% intervals">
      <figcaption>Delta per metric, with its 95% interval</figcaption>
      <div style={{ width: '100%', height: Math.max(160, 50 + data.length * 30) }}>
        <ResponsiveContainer>
          <BarChart data={data} layout="vertical" margin={{ top: 4, right: 24, bottom: 4, left: 8 }} accessibilityLayer={false}>
            <CartesianGrid stroke={CHART.grid} horizontal={false} />
            <XAxis type="number" tickFormatter={(v: number) => fmtSigned(v)} />
            <YAxis type="category" dataKey="name" width={170} />
            <ReferenceLine x={0} stroke={CHART.muted} />
            <Tooltip formatter={(_v, _n, item) => [(item.payload as { label: string }).label, 'delta']} />
            <Bar dataKey="delta" isAnimationActive={false} barSize={14}>
              {data.map((d) => (
                <Cell key={d.name} fill={d.worse ? CHART.fail : CHART.secondary} />
              ))}
              <ErrorBar dataKey="err" direction="x" width={6} stroke={CHART.muted} strokeWidth={1.5} />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
