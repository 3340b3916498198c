/**
 * The publish steps. Each one checks the real state first (the file, the commit, the hub,
 * the tag, the remote) so that running it again after it succeeded changes nothing, and a
 * step that failed half-way can simply be run again.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { writeFileAtomic } from '../fs/atomic';
import { escapesRoots } from '../artefacts/confine';
import { publishToHub } from '../hub/client';
import { hubTrust, trustRefusal } from '../hub/trust';
import { resolveHubToken } from '../hub/token';
import { fileAtRef, git, gitOk, headCommit, tryResolveCommit } from '../git/repo';
import type { PublishPlan } from './plan';
import { clearStaleIndexLock, withIndexLockMarker } from './index-lock';
import type { PublishRow } from './store';

export interface StepOutcome {
  status: 'done' | 'skipped';
  message: string;
  detail?: Record<string, unknown>;
}

export class StepFailure extends Error {}

export interface StepContext {
  plan: PublishPlan;
  publish: PublishRow;
  dataDir: string;
  env: NodeJS.ProcessEnv;
}

export async function writeCard({ plan }: StepContext): Promise<StepOutcome> {
  const file = join(plan.projectDir, plan.cardPath);
  const escape = escapesRoots(file, [plan.projectDir]);
  if (escape) throw new StepFailure(`${plan.cardPath}: ${escape}; the card is written inside the repository only`);
  if (existsSync(file) && readFileSync(file, 'utf8') === plan.card) return { status: 'skipped', message: `${plan.cardPath} already holds this card` };
  mkdirSync(dirname(file), { recursive: true });
  writeFileAtomic(file, plan.card);
  return { status: 'done', message: `wrote ${plan.cardPath}` };
}

export async function commitCard({ plan, dataDir }: StepContext): Promise<StepOutcome & { commit: string }> {
  const dir = plan.projectDir;
  const lock = await clearStaleIndexLock(dataDir, dir);
  if (!lock.ok) throw new StepFailure(lock.message);
  const file = join(dir, plan.cardPath);
  if (!existsSync(file) || readFileSync(file, 'utf8') !== plan.card) throw new StepFailure(`${plan.cardPath} no longer holds the card being published; run publish again`);
  const head = await headCommit(dir);
  if ((await fileAtRef(dir, head, plan.cardPath)) === plan.card) {
    return { status: 'skipped', message: `${plan.cardPath} already committed at ${head.slice(0, 12)}`, commit: head, detail: { commit: head } };
  }
  const message = `Release ${plan.version}: scorecard${plan.cardFacts?.aggregate !== null && plan.cardFacts?.aggregate !== undefined ? ` (aggregate ${plan.cardFacts.aggregate})` : ''}${plan.overrideReason ? ' [override]' : ''}`;
  await withIndexLockMarker(dataDir, dir, async () => {
    await git(dir, ['add', '--', plan.cardPath], `staging ${plan.cardPath}`);
    // Only the card is committed (a pathspec commits just that path), whatever else is staged.
    await git(dir, ['commit', '-m', message, '--', plan.cardPath], `committing ${plan.cardPath}`);
  });
  const commit = await headCommit(dir);
  const done = `committed ${plan.cardPath} as ${commit.slice(0, 12)}`;
  return { status: 'done', message: lock.note ? `${lock.note}; ${done}` : done, commit, detail: { commit } };
}

export async function uploadCard({ plan, publish, dataDir, env }: StepContext): Promise<StepOutcome & { url: string | null }> {
  if (!plan.hub) return { status: 'skipped', message: 'no hub configured', url: null };
  if (!publish.release_commit) throw new StepFailure('no release commit recorded; the commit step must run first');
  // Upload the very bytes committed, so the hub serves what the repository holds.
  const committed = await fileAtRef(plan.projectDir, publish.release_commit, plan.cardPath);
  if (committed === null) throw new StepFailure(`${plan.cardPath} is missing at ${publish.release_commit.slice(0, 12)}`);
  // Checked again here, not only in the plan: the token must never leave for an unapproved host.
  const refusal = trustRefusal(hubTrust(dataDir, plan.hub.url, plan.hub.tokenEnv));
  if (refusal) throw new StepFailure(refusal);
  const token = await resolveHubToken({ dataDir, hubUrl: plan.hub.url, tokenEnv: plan.hub.tokenEnv, env });
  if (!token) throw new StepFailure(`no hub token: set $${plan.hub.tokenEnv}`);
  const r = await publishToHub({ url: plan.hub.url, token, manifest: { id: plan.hub.id, name: plan.hub.name, version: plan.version }, scorecard: committed });
  if (!r.ok) throw new StepFailure(r.message);
  return {
    status: r.status === 'unchanged' ? 'skipped' : 'done',
    message: r.status === 'unchanged' ? `the hub already has ${plan.hub.id} ${plan.version} with this card` : `uploaded ${plan.hub.id} ${plan.version}`,
    url: r.scorecardUrl,
    detail: { hub_status: r.status, eval_scorecard_url: r.scorecardUrl, eval_score: r.evalScore },
  };
}

export async function tagRelease({ plan, publish }: StepContext): Promise<StepOutcome> {
  const dir = plan.projectDir;
  const commit = publish.release_commit;
  if (!commit) throw new StepFailure('no release commit recorded; the commit step must run first');
  const existing = await tryResolveCommit(dir, `refs/tags/${plan.tag}`);
  if (existing === commit) return { status: 'skipped', message: `${plan.tag} already points at ${commit.slice(0, 12)}` };
  if (existing) throw new StepFailure(`tag ${plan.tag} already exists at ${existing.slice(0, 12)}, not at the release commit ${commit.slice(0, 12)}`);
  await git(dir, ['tag', '-a', plan.tag, '-m', `Release ${plan.version}`, commit], `tagging ${plan.tag}`);
  return { status: 'done', message: `tagged ${plan.tag} at ${commit.slice(0, 12)}` };
}

export async function pushRelease({ plan }: StepContext): Promise<StepOutcome> {
  if (!plan.remote) return { status: 'skipped', message: 'publish.git.push is false' };
  if (!plan.branch) throw new StepFailure('HEAD is detached: nothing to push');
  const dir = plan.projectDir;
  const known = await gitOk(dir, ['remote', 'get-url', '--', plan.remote]);
  if (!known.ok) throw new StepFailure(`no git remote named ${plan.remote} (publish.git.push)`);
  // Atomic: the branch and the tag land together or not at all, so a rejected push leaves
  // the remote as it was and the publish resumable.
  const out = await git(dir, ['push', '--atomic', '--porcelain', plan.remote, `refs/heads/${plan.branch}:refs/heads/${plan.branch}`, `refs/tags/${plan.tag}:refs/tags/${plan.tag}`], `pushing to ${plan.remote}`);
  const upToDate = out.split('\n').filter((l) => /^[ +*=!-]\t/.test(l)).every((l) => l.startsWith('='));
  return upToDate ? { status: 'skipped', message: `${plan.remote} already has ${plan.branch} and ${plan.tag}` } : { status: 'done', message: `pushed ${plan.branch} and ${plan.tag} to ${plan.remote}` };
}
