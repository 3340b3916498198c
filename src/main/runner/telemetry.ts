/**
 * GPU telemetry while a run lasts: every few seconds, sample utilisation and memory with
 * the tool the probe found, store the sample beside the run and push it to the UI.
 */
import type { AppContext } from '../context/context';
import { saveTelemetry } from '../store/run-records';
import type { GpuVendorTool } from '../../core/runner/gpu';
import { sampleGpus } from './gpu-probe';

export function telemetryIntervalMs(env: NodeJS.ProcessEnv = process.env): number {
  const v = Number(env.GREENLIGHT_TELEMETRY_MS);
  return Number.isFinite(v) && v >= 100 ? v : 5000;
}

/** Start sampling; returns the function that stops it. */
export function startTelemetry(ctx: AppContext, runId: string, tool: GpuVendorTool | null, env?: NodeJS.ProcessEnv): () => void {
  if (tool === null) return () => {};
  let stopped = false;
  let busy = false;
  const tick = async (): Promise<void> => {
    if (busy || stopped) return;
    busy = true;
    try {
      const gpus = await sampleGpus(tool, env);
      if (!gpus || stopped || !ctx.db.open) return;
      const at = new Date().toISOString();
      saveTelemetry(ctx.db, runId, at, gpus);
      ctx.events.emit({
        type: 'run.telemetry',
        runId,
        at,
        gpus: gpus.map((g) => ({ index: g.index, utilization: g.utilization, memoryUsedMiB: g.memoryUsedMiB, memoryTotalMiB: g.memoryTotalMiB })),
      });
    } catch {
      // A sample that cannot be stored (the store closing, a busy disk) is skipped, not fatal.
    } finally {
      busy = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), telemetryIntervalMs(env));
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
