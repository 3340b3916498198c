/** The aggregate and chosen metrics across releases (oldest left), with interval bars. */
import { CartesianGrid, ErrorBar, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { CHART, SERIES } from './chartTheme';

export interface TrendPoint {
  version: string;
  values: Record<string, number | null>;
  /** Half-widths [below, above] of each value's interval, when known. */
  errors?: Record<string, [number, number] | undefined>;
}

export function TrendChart({ title, points, series }: { title: string; points: readonly TrendPoint[]; series: readonly string[] }): React.JSX.Element {
  const data = points.map((p) => {
    const row: Record<string, unknown> = { version: p.version };
    for (const s of series) {
      row[s] = p.values[s] ?? null;
      row[`${s}__err`] = p.errors?.[s] ?? [0, 0];
    }
    return row;
  });
  return (
    <figure className="chart" aria-label={title}>
      <figcaption>{title}</figcaption>
      <div style={{ width: '100%', height: 240 }}>
        <ResponsiveContainer>
          <LineChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
            <CartesianGrid stroke={CHART.grid} />
            <XAxis dataKey="version" />
            <YAxis domain={['auto', 'auto']} />
            <Tooltip />
            <Legend />
            {series.map((s, i) => (
              <Line key={s} dataKey={s} name={s} stroke={SERIES[i % SERIES.length]} isAnimationActive={false} connectNulls>
                <ErrorBar dataKey={`${s}__err`} width={4} stroke={SERIES[i % SERIES.length]} />
              </Line>
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
