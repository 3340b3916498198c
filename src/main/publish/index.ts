/**
 * Publishing (SPEC §2.9) as a recorded, resumable sequence: write SCORECARD.md, commit it,
 * upload it to the hub, tag, push. Every step's outcome is stored; a publish that failed
 * half-way resumes from the step that failed; a publish that succeeded is never redone.
 */
import type { Db } from '../store/db';
import type { EventBus } from '../context/events';
import { planPublish, type PlanRequest, type PublishPlan } from './plan';
import { audit, getPublish, markStep, startPublish, stepsOf, updatePublish, type PublishRow, type StepName, type StepRow } from './store';
import { commitCard, pushRelease, StepFailure, tagRelease, uploadCard, writeCard, type StepContext, type StepOutcome } from './steps';
import { GitFailure } from '../git/repo';
import { acquirePublishLease } from './lease';

export { planPublish, type PublishPlan } from './plan';

export interface PublishOutcome {
  result: 'published' | 'nothing-to-do' | 'refused' | 'failed';
  plan: PublishPlan;
  publish: PublishRow | null;
  steps: StepRow[];
  message: string;
}

export interface PublishRequest extends PlanRequest {
  dataDir: string;
  events?: EventBus;
  env?: NodeJS.ProcessEnv;
}

const RUNNERS: Record<StepName, (c: StepContext) => Promise<StepOutcome & { commit?: string; url?: string | null }>> = {
  write: writeCard,
  commit: commitCard,
  upload: uploadCard,
  tag: tagRelease,
  push: pushRelease,
};

export async function publishRelease(req: PublishRequest): Promise<PublishOutcome> {
  const lease = acquirePublishLease(req.db, req.projectId);
  if (!lease.ok) {
    const plan = await planPublish(req);
    const message = `another publish of this project is running (process ${lease.heldBy}, since ${lease.since}); wait for it to finish, then publish again`;
    return { result: 'refused', plan, publish: plan.existing, steps: plan.existing ? stepsOf(req.db, plan.existing.id) : [], message };
  }
  try {
    return await publishUnderLease(req);
  } finally {
    lease.release();
  }
}

async function publishUnderLease(req: PublishRequest): Promise<PublishOutcome> {
  const plan = await planPublish(req);
  const db: Db = req.db;
  if (plan.alreadyPublished && plan.existing) {
    return { result: 'nothing-to-do', plan, publish: plan.existing, steps: stepsOf(db, plan.existing.id), message: `${plan.version} is already published as ${plan.tag}: nothing left to do` };
  }
  if (plan.refusals.length > 0) {
    audit(db, { action: 'refused', project_id: plan.projectId, run_id: plan.runId, publish_id: null, version: plan.version, decision: plan.decision, reason: null, detail: { refusals: plan.refusals } });
    return { result: 'refused', plan, publish: plan.existing, steps: plan.existing ? stepsOf(db, plan.existing.id) : [], message: plan.refusals.join('; ') };
  }
  // Resume the recorded publish of this very card; a different card starts its steps afresh.
  let publish = plan.existing && plan.existing.card_sha256 === plan.cardSha256 ? plan.existing : null;
  if (!publish) {
    publish = startPublish(
      db,
      { project_id: plan.projectId, run_id: plan.runId, version: plan.version, tag: plan.tag, card_path: plan.cardPath, card_sha256: plan.cardSha256, override_reason: plan.overrideReason, hub_url: plan.hub?.url ?? null },
      plan.existing ?? undefined,
    );
    if (plan.overrideReason) {
      audit(db, { action: 'override', project_id: plan.projectId, run_id: plan.runId, publish_id: publish.id, version: plan.version, decision: plan.decision, reason: plan.overrideReason, detail: { failure_class: plan.failureClass } });
    }
  } else {
    updatePublish(db, publish.id, { status: 'running', run_id: plan.runId });
  }
  const emit = (step: string, status: 'pending' | 'running' | 'done' | 'failed' | 'skipped', message?: string): void =>
    req.events?.emit({ type: 'publish.step', publishId: (publish as PublishRow).id, runId: plan.runId, step, status, message });

  for (const row of stepsOf(db, publish.id)) {
    if (row.status === 'done' || row.status === 'skipped') continue;
    markStep(db, publish.id, row.step, 'running', null);
    emit(row.step, 'running');
    try {
      const current = getPublish(db, publish.id) as PublishRow;
      const out = await RUNNERS[row.step]({ plan, publish: current, dataDir: req.dataDir, env: req.env ?? process.env });
      if (out.commit) updatePublish(db, publish.id, { release_commit: out.commit });
      if (out.url) updatePublish(db, publish.id, { scorecard_url: out.url });
      markStep(db, publish.id, row.step, out.status, out.message, out.detail);
      emit(row.step, out.status, out.message);
    } catch (err) {
      const message = err instanceof StepFailure || err instanceof GitFailure ? err.message : `${row.step}: ${err instanceof Error ? err.message : String(err)}`;
      markStep(db, publish.id, row.step, 'failed', message);
      updatePublish(db, publish.id, { status: 'failed' });
      emit(row.step, 'failed', message);
      return { result: 'failed', plan, publish: getPublish(db, publish.id) ?? null, steps: stepsOf(db, publish.id), message: `${row.step} failed: ${message}; run publish again to resume from this step` };
    }
  }
  updatePublish(db, publish.id, { status: 'published' });
  audit(db, { action: 'published', project_id: plan.projectId, run_id: plan.runId, publish_id: publish.id, version: plan.version, decision: plan.decision, reason: plan.overrideReason });
  const done = getPublish(db, publish.id) ?? null;
  return { result: 'published', plan, publish: done, steps: stepsOf(db, publish.id), message: `published ${plan.version} as ${plan.tag}${done?.scorecard_url ? ` (${done.scorecard_url})` : ''}` };
}
