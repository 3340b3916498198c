/** GPU utilisation and memory while a run lasts: a small chart per run. */
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { CHART } from './chartTheme';

export interface TelemetrySample {
  at: string;
  gpus: Array<{ index: number; utilization: number | null; memoryUsedMiB: number | null; memoryTotalMiB: number | null }>;
}

export function TelemetryChart({ samples, note }: { samples: readonly TelemetrySample[]; note?: string }): React.JSX.Element {
  if (samples.length === 0) {
    return (
      <figure className="chart telemetry" aria-label="GPU telemetry">
        <figcaption>GPU</figcaption>
        <p className="muted">{note ?? 'No GPU telemetry for this run (no amd-smi, rocm-smi or nvidia-smi found, or the run has not sampled yet).'}</p>
      </figure>
    );
  }
  const t0 = new Date(samples[0]?.at ?? 0).getTime();
  const data = samples.map((s) => {
    const g = s.gpus[0];
    const mem = g && g.memoryUsedMiB !== null && g.memoryTotalMiB ? (100 * g.memoryUsedMiB) / g.memoryTotalMiB : null;
    return { t: Math.round((new Date(s.at).getTime() - t0) / 100) / 10, util: g?.utilization ?? null, mem };
  });
  const last = samples[samples.length - 1]?.gpus[0];
  return (
    <figure className="chart telemetry" aria-label="GPU telemetry">
      <figcaption>
        GPU {last ? `· ${last.utilization ?? '—'}% busy · ${last.memoryUsedMiB ?? '—'} / ${last.memoryTotalMiB ?? '—'} MiB` : ''}
      </figcaption>
      <div style={{ width: '100%', height: 140 }}>
        <ResponsiveContainer>
          <LineChart data={data} margin={{ top: 4, right: 12, bottom: 0, left: -16 }} accessibilityLayer={false}>
            <CartesianGrid stroke={CHART.grid} />
            <XAxis dataKey="t" type="number" domain={[0, 'dataMax']} tickFormatter={(v: number) => (v >= 120 ? `${Math.round(v / 60)}m` : `${Math.round(v)}s`)} allowDecimals={false} />
            <YAxis domain={[0, 100]} ticks={[0, 50, 100]} unit="%" />
            <Tooltip />
            <Legend />
            <Line dataKey="util" name="utilisation" stroke={CHART.primary} dot={false} isAnimationActive={false} />
            <Line dataKey="mem" name="memory" stroke={CHART.secondary} dot={false} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
