/**
 * The aggregate and chosen metrics across releases (oldest left), with the candidate runs of
 * unreleased versions after them, each value with its 95% interval as a shaded band. The axis
 * never zooms into noise: a ratio axis spans at least 0.2 (a non-significant +0.02 is not a
 * cliff), an aggregate axis at least 20 points. Two series with the same values stay visible:
 * each has its own dash pattern and marker, drawn thinner on top.
 */
import { Area, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { CHART, SERIES } from './chartTheme';

export interface TrendPoint {
  version: string;
  /** A candidate run (not released): drawn with hollow markers, labelled in the axis. */
  candidate?: boolean;
  values: Record<string, number | null>;
  /** Half-widths [below, above] of each value's interval, when known. */
  errors?: Record<string, [number, number] | undefined>;
}

const DASHES = [undefined, '6 3', '2 3', '10 4 2 4', '1 4'];

/** A [lo, hi] that contains every value and interval and spans at least `minSpan`, clipped to `clip`. */
export function trendDomain(lo: number, hi: number, minSpan: number, clip: [number, number] | null): [number, number] {
  let a = lo;
  let b = hi;
  if (b - a < minSpan) {
    const mid = (a + b) / 2;
    a = mid - minSpan / 2;
    b = mid + minSpan / 2;
  }
  if (clip) {
    if (a < clip[0]) [a, b] = [clip[0], Math.min(clip[1], clip[0] + Math.max(minSpan, b - a))];
    if (b > clip[1]) [a, b] = [Math.max(clip[0], clip[1] - Math.max(minSpan, b - a)), clip[1]];
  }
  const step = minSpan / 4;
  return [Math.floor(a / step) * step, Math.ceil(b / step) * step].map((x) => Number(x.toFixed(6))) as [number, number];
}

export function TrendChart({ title, points, series, scale }: { title: string; points: readonly TrendPoint[]; series: readonly string[]; scale?: 'ratio' | 'score' }): React.JSX.Element {
  const data = points.map((p) => {
    const row: Record<string, unknown> = { version: p.candidate ? `${p.version} (candidate)` : p.version };
    for (const s of series) {
      const v = p.values[s] ?? null;
      const e = p.errors?.[s];
      row[s] = v;
      row[`${s}__band`] = v !== null && e ? [v - e[0], v + e[1]] : v !== null ? [v, v] : null;
    }
    return row;
  });
  const bounds = points.flatMap((p) => series.flatMap((s) => {
    const v = p.values[s];
    const e = p.errors?.[s];
    return typeof v === 'number' ? [v - (e?.[0] ?? 0), v + (e?.[1] ?? 0)] : [];
  }));
  const ratio = scale === 'ratio' || (scale === undefined && bounds.length > 0 && bounds.every((v) => v >= 0 && v <= 1));
  const domain = bounds.length ? trendDomain(Math.min(...bounds), Math.max(...bounds), ratio ? 0.2 : 20, ratio ? [0, 1] : scale === 'score' ? [0, 100] : null) : undefined;
  return (
    <figure className="chart" aria-label={title}>
      <figcaption>{title} (shaded: 95% interval; hollow markers: candidate runs)</figcaption>
      <div style={{ width: '100%', height: 260 }}>
        <ResponsiveContainer>
          <ComposedChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid stroke={CHART.grid} />
            <XAxis dataKey="version" />
            <YAxis domain={domain ?? ['auto', 'auto']} allowDataOverflow={false} />
            <Tooltip />
            <Legend />
            {series.map((s, i) => (
              <Area key={`${s}-band`} dataKey={`${s}__band`} legendType="none" tooltipType="none" stroke="none" fill={SERIES[i % SERIES.length]} fillOpacity={0.12} isAnimationActive={false} connectNulls />
            ))}
            {series.map((s, i) => (
              <Line
                key={s}
                dataKey={s}
                name={s}
                stroke={SERIES[i % SERIES.length]}
                strokeWidth={Math.max(1.5, 3.5 - i)}
                strokeDasharray={DASHES[i % DASHES.length]}
                isAnimationActive={false}
                connectNulls
                dot={(props: { cx?: number; cy?: number; index?: number }) => {
                  const hollow = points[props.index ?? 0]?.candidate === true;
                  if (props.cx === undefined || props.cy === undefined) return <g key={`${s}-${props.index}`} />;
                  return <circle key={`${s}-${props.index}`} cx={props.cx} cy={props.cy} r={5 - Math.min(i, 2)} stroke={SERIES[i % SERIES.length]} strokeWidth={2} fill={hollow ? 'var(--bg, #fff)' : SERIES[i % SERIES.length]} />;
                }}
              />
            ))}
          </ComposedChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
