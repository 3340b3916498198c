/** One run, kept fresh: reloaded when its status changes, progress and telemetry applied live. */
import { useEffect, useState } from 'react';
import { api, onEvent } from './api';
import { useApi, type Loaded } from './useApi';
import type { RunDetail, RunProgress } from '../shared/schemas';
import type { TelemetrySample } from './components/TelemetryChart';

export interface LiveRun {
  run: Loaded<RunDetail | null>;
  progress: RunProgress | null;
  telemetry: TelemetrySample[];
}

export function useRunDetail(id: string): LiveRun {
  const run = useApi(() => api['runs.get']({ id }), [id]);
  const [progress, setProgress] = useState<RunProgress | null>(null);
  const [telemetry, setTelemetry] = useState<TelemetrySample[]>([]);
  const { reload } = run;

  useEffect(() => {
    setProgress(null);
    setTelemetry([]);
    // The samples recorded so far, then live ones as they arrive.
    let alive = true;
    api['runs.telemetry']({ id }).then(
      (history) => alive && setTelemetry((live) => [...history.slice(Math.max(0, history.length - Math.max(0, 600 - live.length))), ...live]),
      () => undefined,
    );
    const off = onEvent((e) => {
      if (!('runId' in e) || e.runId !== id) return;
      if (e.type === 'run.progress') setProgress({ done: e.done, total: e.total, fraction: e.fraction, etaSeconds: e.etaSeconds });
      else if (e.type === 'run.telemetry') setTelemetry((t) => [...t.slice(-599), { at: e.at, gpus: e.gpus }]);
      else if (e.type === 'run.status') reload();
    });
    return () => {
      alive = false;
      off();
    };
  }, [id]);

  const detail = run.data;
  const seeded = telemetry.length === 0 && detail?.telemetry ? [detail.telemetry] : telemetry;
  return { run, progress: progress ?? detail?.progress ?? null, telemetry: seeded };
}
