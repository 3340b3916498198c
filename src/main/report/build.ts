/**
 * Gathers a run's report from the same services the console calls (the run, the comparison
 * with the previous release) and renders it with core's pure renderer.
 */
import { renderReportHtml, type ReportInput, type ReportMetric, type ReportGate } from '../../core/report/html';
import type { DiffResult } from '../../core/diff/schema';
import type { RunDetail } from '../../shared/schemas';
import type { AppContext } from '../api/context';
import { APP_VERSION } from '../version';

type Call = (name: string, input: unknown) => Promise<{ ok: true; value: unknown } | { ok: false; error: { code: string; message: string } }>;

export class ReportNotFound extends Error {}

export async function buildReport(ctx: AppContext, runId: string, call: Call, now = new Date()): Promise<{ filename: string; html: string }> {
  const got = await call('runs.get', { id: runId });
  if (!got.ok) throw new Error(got.error.message);
  const run = got.value as RunDetail | null;
  if (!run) throw new ReportNotFound(`run ${runId}: not found in ${ctx.dataDir}`);
  const diff = await call('diff.run', { runId });
  const input: ReportInput = {
    project: run.project,
    evalName: run.eval,
    version: run.version,
    runId: run.id,
    status: run.status,
    decision: run.decision,
    failureClass: run.failureClass,
    tier: run.tier,
    startedAt: run.startedAt,
    gitCommit: run.gitCommit,
    gitDirty: run.gitDirty,
    hardware: run.hardware,
    aggregate: run.aggregate ? { name: run.aggregate.name, value: run.aggregate.value, ...(Array.isArray(run.aggregate.ci95) ? { ci95: run.aggregate.ci95 as [number, number] } : {}) } : null,
    metrics: run.metrics as ReportMetric[],
    gates: run.gates as ReportGate[],
    diff: diff.ok ? (diff.value as DiffResult) : null,
    ...(diff.ok ? {} : { diffNote: `Not compared: ${diff.error.message}.` }),
    flips: null,
    scorecard: run.scorecard,
    greenlightVersion: APP_VERSION,
    generatedAt: now.toISOString(),
  };
  const safe = (s: string): string => s.replace(/[^\w.-]+/g, '-');
  return { filename: `greenlight-${safe(run.project)}-${run.version ? `v${safe(run.version)}-` : ''}run-${safe(run.id)}.html`, html: renderReportHtml(input) };
}
