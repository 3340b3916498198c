/** A run's progress with an estimate of the time left. */
import type { RunProgress } from '../../shared/schemas';

function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
}

/**
 * Time left: the eval's own estimate when it prints one (tqdm), else extrapolated from the
 * rate so far (elapsed × remaining ÷ done), once there is enough progress to trust it.
 */
export function estimateEta(p: RunProgress | null, startedAt: string | null, now: number): number | null {
  if (!p) return null;
  if (p.etaSeconds !== null) return p.etaSeconds;
  const f = p.fraction ?? (p.total ? p.done / p.total : null);
  const t0 = startedAt ? Date.parse(startedAt) : NaN;
  if (f === null || f < 0.02 || f >= 1 || !Number.isFinite(t0)) return null;
  const elapsed = Math.max(0, (now - t0) / 1000);
  return (elapsed * (1 - f)) / f;
}

export function ProgressBar({ progress, active }: { progress: RunProgress | null; active: boolean }): React.JSX.Element {
  const fraction = progress?.fraction ?? (progress?.total ? progress.done / progress.total : null);
  const pct = fraction === null ? null : Math.round(Math.min(1, Math.max(0, fraction)) * 100);
  const label = progress
    ? `${progress.total ? `${progress.done}/${progress.total}` : `${progress.done}`}${pct !== null ? ` (${pct}%)` : ''}`
    : active
      ? 'waiting for the first progress line'
      : 'no progress reported';
  const eta = progress?.etaSeconds;
  return (
    <div className="progress">
      <div className="progress-head">
        <span id="progress-label">Progress</span>
        <span className="progress-text">{label}</span>
        {active && eta !== null && eta !== undefined && <span className="progress-eta">about {formatDuration(eta)} left</span>}
      </div>
      <div
        className={`progress-track${pct === null && active ? ' indeterminate' : ''}`}
        role="progressbar"
        aria-labelledby="progress-label"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct ?? undefined}
        aria-valuetext={label + (eta ? `, about ${formatDuration(eta)} left` : '')}
      >
        <div className="progress-fill" style={{ width: `${pct ?? 0}%` }} />
      </div>
    </div>
  );
}
