/** The aggregate and chosen metrics across releases (oldest left), with interval bars. */
import { CartesianGrid, ErrorBar, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { CHART, SERIES } from './chartTheme';

type AxisBound = 'auto' | ((v: number) => number);

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
  // Ratios stay on their 0–1 scale instead of an axis that runs past 1.
  const values = points.flatMap((p) => series.map((s) => p.values[s])).filter((v): v is number => typeof v === 'number');
  const ratio = values.length > 0 && values.every((v) => v >= 0 && v <= 1);
  const domain: [AxisBound, AxisBound] = ratio ? [(lo: number) => Math.max(0, Math.floor(lo * 20) / 20), (hi: number) => Math.min(1, Math.ceil(hi * 20) / 20)] : ['auto', 'auto'];
  return (
    <figure className="chart" aria-label={title}>
      <figcaption>{title}</figcaption>
      <div style={{ width: '100%', height: 240 }}>
        <ResponsiveContainer>
          <LineChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
            <CartesianGrid stroke={CHART.grid} />
            <XAxis dataKey="version" />
            <YAxis domain={domain} />
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
