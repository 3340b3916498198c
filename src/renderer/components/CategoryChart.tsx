/** Per-category results with 95% interval bars (Wilson, from core, when n is known). */
import { Bar, BarChart, CartesianGrid, ErrorBar, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { wilsonInterval } from '../../core/stats';
import { CHART } from './chartTheme';
import { fmtNum } from './format';

export interface CategoryPoint {
  category: string;
  value: number;
  n?: number;
}

interface Row {
  category: string;
  value: number;
  err: [number, number];
  label: string;
}

function categoryRows(points: readonly CategoryPoint[]): Row[] {
  return points.map((p) => {
    let lo = p.value;
    let hi = p.value;
    if (p.n && p.n > 0 && p.value >= 0 && p.value <= 1) {
      const ci = wilsonInterval(p.value * p.n, p.n);
      lo = ci.lo;
      hi = ci.hi;
    }
    return {
      category: p.category,
      value: p.value,
      err: [p.value - lo, hi - p.value],
      label: `${fmtNum(p.value, 3)}${p.n ? ` (n = ${p.n}, 95% [${fmtNum(lo, 3)}, ${fmtNum(hi, 3)}])` : ''}`,
    };
  });
}

/** `itemsHref`: where a bar leads (the items of that category), when the run has items. */
export function CategoryChart({ title, points, itemsHref }: { title: string; points: readonly CategoryPoint[]; itemsHref?: (category: string) => string }): React.JSX.Element {
  const rows = categoryRows(points);
  const bounded = points.every((p) => p.value >= 0 && p.value <= 1);
  return (
    <figure className="chart" aria-label={title}>
      <figcaption>{title}</figcaption>
      <div style={{ width: '100%', height: Math.max(180, 60 + rows.length * 28) }}>
        <ResponsiveContainer>
          <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 24, bottom: 4, left: 8 }}>
            <CartesianGrid stroke={CHART.grid} horizontal={false} />
            <XAxis type="number" domain={bounded ? [0, 1] : ['auto', 'auto']} tickFormatter={(v: number) => fmtNum(v, 2)} />
            <YAxis type="category" dataKey="category" width={140} />
            <Tooltip formatter={(_v, _n, item) => [(item.payload as Row).label, 'value']} />
            <Bar
              dataKey="value"
              fill={CHART.primary}
              isAnimationActive={false}
              barSize={16}
              cursor={itemsHref ? 'pointer' : undefined}
              onClick={itemsHref ? (d: { payload?: Row }) => d.payload && (window.location.hash = itemsHref(d.payload.category)) : undefined}
            >
              <ErrorBar dataKey="err" direction="x" width={6} stroke={CHART.muted} strokeWidth={1.5} />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
      {itemsHref && (
        <p className="chart-bars-link">
          Items:{' '}
          {rows.map((r) => (
            <a key={r.category} href={itemsHref(r.category)}>
              {r.category}
            </a>
          ))}
        </p>
      )}
      <table className="sr-only">
        <caption>{title}</caption>
        <tbody>
          {rows.map((r) => (
            <tr key={r.category}>
              <th scope="row">{r.category}</th>
              <td>{r.label}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
