/** A pipeline run's stages and jobs (issue 17), loaded once and kept live by `pipeline.*` events. */
import { useEffect, useState } from 'react';
import { api, onEvent } from './api';
import type { PipelineView } from '../shared/schemas';

export interface LivePipeline {
  view: PipelineView | null | undefined;
  error?: string;
  /** The newest output of each job seen since the page opened, by `stage#index`. */
  logs: Record<string, string>;
}

const LOG_TAIL = 8 * 1024;

export function usePipeline(runId: string): LivePipeline {
  const [view, setView] = useState<PipelineView | null | undefined>(undefined);
  const [error, setError] = useState<string>();
  const [logs, setLogs] = useState<Record<string, string>>({});

  useEffect(() => {
    let alive = true;
    const load = (): void => {
      api['runs.pipeline']({ id: runId }).then(
        (v) => alive && setView(v),
        (err: unknown) => alive && setError(err instanceof Error ? err.message : String(err)),
      );
    };
    load();
    const off = onEvent((e) => {
      if (!('runId' in e) || e.runId !== runId) return;
      if (e.type === 'pipeline.stage') {
        setView((v) => {
          if (!v || !v.stages.some((s) => s.name === e.stage)) {
            load();
            return v;
          }
          return { ...v, stages: v.stages.map((s) => (s.name === e.stage ? { ...s, status: e.status, decision: e.decision, failureClass: e.failureClass } : s)) };
        });
        // A judged stage carries its gates: read them once it ends.
        if (e.status !== 'running' && e.status !== 'pending') load();
      } else if (e.type === 'pipeline.job') {
        setView((v) => {
          if (!v || !v.stages.some((s) => s.name === e.stage)) {
            load();
            return v;
          }
          return {
            ...v,
            stages: v.stages.map((s) => {
              if (s.name !== e.stage) return s;
              const jobs = s.jobs.some((j) => j.index === e.job.index) ? s.jobs.map((j) => (j.index === e.job.index ? e.job : j)) : [...s.jobs, e.job].sort((a, b) => a.index - b.index);
              return { ...s, jobs };
            }),
          };
        });
      } else if (e.type === 'pipeline.log') {
        const key = `${e.stage}#${e.index}`;
        setLogs((l) => ({ ...l, [key]: ((l[key] ?? '') + e.text).slice(-LOG_TAIL) }));
      } else if (e.type === 'run.status') load();
    });
    return () => {
      alive = false;
      off();
    };
  }, [runId]);

  return { view, error, logs };
}
