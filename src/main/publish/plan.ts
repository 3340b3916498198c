/**
 * The publish plan: which run, which version and tag, whether the gates allow it (ACCEPT, or
 * an override with a written reason), the release checks (version, freshness, comparability
 * with the previous release), the card exactly as it will be written, its diff against the
 * card in the repository and against the previous release, and the steps. `--dry-run` prints
 * this and does nothing else.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { escapesRoots } from '../artefacts/confine';
import { projectFilePath } from '../project/read';
import { join } from 'node:path';
import { UsageError } from '../../core/errors';
import { addOverrideToCard, comparabilityCheck, freshnessCheck, readCard, tagForVersion, versionCheck, type CardFacts, type ReleaseCheck } from '../../core/releases';
import { hubAgentId, type ReleaseConfig } from '../../core/project/releases';
import { diffSides, lineDiff, sideFromCard, type DiffResult } from '../../core/diff';
import { cardChanges, carriedKeys, withCarriedKeys, type CardChanges } from '../../core/diff/card-changes';
import { splitFrontMatter } from '../../core/scorecard';
import { changedPaths, currentBranch, isRepository, tryResolveCommit } from '../git/repo';
import { findBaseline } from '../git/releases';
import { releasedMessage, releaseTagOf } from '../git/released';
import { resolveHubToken } from '../hub/token';
import { hubTrust, trustRefusal, type HubTrust } from '../hub/trust';
import type { Db } from '../store/db';
import { loadReleaseConfig, releaseVersion } from '../project/release-settings';
import { latestRunForPublish, runForPublish, type PublishInput } from './run-input';
import { publishFor, stepsOf, STEPS, type PublishRow, type StepName } from './store';

export interface PlannedStep {
  step: StepName;
  status: 'pending' | 'done' | 'skipped' | 'failed' | 'running';
  description: string;
}

export interface PublishPlan {
  projectId: string;
  projectDir: string;
  runId: string;
  version: string;
  tag: string;
  cardPath: string;
  decision: string | null;
  failureClass: string | null;
  overrideReason: string | null;
  /** Reasons publishing is refused; empty when it may go ahead. */
  refusals: string[];
  warnings: string[];
  checks: ReleaseCheck[];
  previous: { version: string; tag: string; problems: string[] } | null;
  diff: DiffResult | null;
  card: string;
  cardSha256: string;
  cardFacts: CardFacts | null;
  cardDiff: string[];
  /** The previous release's card against this one, aligned by name; null for a first release. */
  cardChanges: CardChanges | null;
  steps: PlannedStep[];
  existing: PublishRow | null;
  /** Published already with this very card: nothing left to do. */
  alreadyPublished: boolean;
  config: ReleaseConfig;
  hub: { url: string; id: string; name: string; tokenEnv: string } | null;
  /** Whether the user approved sending $tokenEnv to the hub's origin (null without a hub). */
  hubTrust: HubTrust | null;
  remote: string | null;
  branch: string | null;
}

export interface PlanRequest {
  db: Db;
  projectId: string;
  projectDir: string;
  projectName: string;
  runId?: string;
  overrideReason?: string;
  /** Where a stored hub token is looked for: with it, a missing token is a warning in the plan. */
  dataDir?: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * The upload step needs a hub token, and without one it fails only after the card has been
 * written and committed: the plan says so up front (CLI dry run and console).
 */
async function missingHubTokenWarning(hub: PublishPlan['hub'], steps: readonly PlannedStep[], dataDir: string, env: NodeJS.ProcessEnv): Promise<string | null> {
  if (!hub || !steps.some((s) => s.step === 'upload' && s.status === 'pending')) return null;
  if (await resolveHubToken({ dataDir, hubUrl: hub.url, tokenEnv: hub.tokenEnv, env })) return null;
  return `no hub token: $${hub.tokenEnv} is not set, so the upload step would fail after the card is written and committed (set it where Greenlight runs, then reload)`;
}

/**
 * The card as it will be written: the run's draft, with what the previous release's card
 * says of the same dataset carried over (core/diff/card-changes decides what), then the
 * override when there is one. The aligned changes compare the draft before anything was
 * carried, so `carried` lists exactly what was taken over.
 */
function draftCard(run: PublishInput, version: string, previous: { text: string; facts: CardFacts; tag: string } | null, override: string | null): { card: string; changes: CardChanges | null; problem?: string } {
  let card = run.scorecardMarkdown ?? '';
  let changes: CardChanges | null = null;
  const draft = card ? readCard(card, `run ${run.runId} scorecard`) : null;
  if (previous && draft?.ok) {
    const prevBody = splitFrontMatter(previous.text)?.body ?? '';
    const nextBody = splitFrontMatter(card)?.body ?? '';
    changes = cardChanges({ label: previous.tag, facts: previous.facts, body: prevBody }, { label: `v${version}`, facts: draft.value, body: nextBody });
    const carried = withCarriedKeys(card, carriedKeys(previous.facts.front, draft.value.front));
    if (!carried.ok) return { card, changes, problem: `scorecard: carrying over from ${previous.tag}: ${carried.problems.map((p) => p.message).join('; ')}` };
    card = carried.value;
  }
  if (card && override) card = addOverrideToCard(card, { decision: run.decision ?? 'none', failureClass: run.failureClass, reason: override });
  return { card, changes };
}

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

function loadRun(req: PlanRequest): PublishInput {
  const run = req.runId ? runForPublish(req.db, req.runId) : latestRunForPublish(req.db, req.projectId);
  if (!run) throw new UsageError(req.runId ? `run ${req.runId}: no such run` : `${req.projectDir}: the project has no runs to publish; run the evals first`);
  if (run.projectId !== req.projectId) throw new UsageError(`run ${run.runId} belongs to another project`);
  return run;
}

export async function planPublish(req: PlanRequest): Promise<PublishPlan> {
  const dir = req.projectDir;
  if (!(await isRepository(dir))) throw new UsageError(`${dir}: not a git repository; publishing commits, tags and pushes the scorecard`);
  const cfg = loadReleaseConfig(dir);
  const run = loadRun(req);
  const refusals: string[] = [];
  const warnings: string[] = [];
  const reason = req.overrideReason?.trim() || null;
  if (req.overrideReason !== undefined && !reason) throw new UsageError('--override-reason: a written reason is required');
  const version = releaseVersion(dir, cfg, run.version);
  const tag = tagForVersion(version, cfg.releases.tag_pattern);
  const cardPath = cfg.scorecard[0] as string;

  if (!run.scorecardMarkdown) refusals.push(`run ${run.runId} has no rendered scorecard (status ${run.status})`);
  const accepted = run.decision === 'ACCEPT';
  if (!accepted && !reason) {
    refusals.push(`run ${run.runId} decision is ${run.decision ?? 'none'}${run.failureClass ? ` (${run.failureClass})` : ''}: publishing needs ACCEPT, or --override-reason with a written reason`);
  }
  if (accepted && reason) warnings.push('the decision is ACCEPT: the override reason is not needed and is not recorded');
  const override = !accepted && reason ? reason : null;

  const baseline = await findBaseline(dir, cfg, version);
  const previousCard = baseline.kind === 'release' && baseline.release.card?.facts ? { text: baseline.release.card.text, facts: baseline.release.card.facts, tag: baseline.release.tag } : null;
  const drafted = draftCard(run, version, previousCard, override);
  const card = drafted.card;
  if (drafted.problem) refusals.push(drafted.problem);
  const facts = card ? readCard(card, `run ${run.runId} scorecard`) : null;
  let cardFacts: CardFacts | null = null;
  if (facts && !facts.ok) refusals.push(...facts.problems.map((p) => `scorecard: ${p.path ? `${p.path}: ` : ''}${p.message}`));
  if (facts?.ok) {
    cardFacts = facts.value;
    refusals.push(...cardFacts.problems.map((p) => `scorecard: ${p.path ? `${p.path}: ` : ''}${p.message}`));
  }

  const checks: ReleaseCheck[] = [];
  if (cardFacts) {
    checks.push(versionCheck(cardFacts.version, version));
    const measured = cardFacts.commit ?? run.gitCommit;
    const measuredCommit = measured ? await tryResolveCommit(dir, measured) : null;
    const changed = measuredCommit ? (await changedPaths(dir, measuredCommit, 'HEAD')).filter((p) => !cfg.scorecard.includes(p)) : null;
    checks.push(freshnessCheck(measuredCommit ?? measured, changed, cfg.releases.watch));
  }

  let diff: DiffResult | null = null;
  let previous: PublishPlan['previous'] = null;
  if (baseline.kind === 'release') {
    const prev = baseline.release;
    previous = { version: prev.version, tag: prev.tag, problems: prev.problems };
    for (const p of prev.problems) warnings.push(`previous release ${prev.tag}: ${p}`);
    if (cardFacts && prev.card?.facts) {
      diff = diffSides(sideFromCard(prev.card.facts, prev.tag), sideFromCard(cardFacts, `v${version}`));
      checks.push(comparabilityCheck(prev.card.facts.context, cardFacts.context));
    }
  } else {
    warnings.push(`first release: no tag matches ${cfg.releases.tag_pattern.join(' or ')} below ${version}`);
  }
  for (const c of checks) if (!c.ok && c.name !== 'comparability') refusals.push(c.message);
  for (const c of checks) if (!c.ok && c.name === 'comparability') warnings.push(c.message);

  const cardSha256 = sha256(card);
  const existing = publishFor(req.db, req.projectId, version) ?? null;
  const alreadyPublished = existing?.status === 'published' && existing.card_sha256 === cardSha256;
  if (existing?.status === 'published' && !alreadyPublished) {
    refusals.push(`${version} is already published (tag ${existing.tag}) with a different scorecard; release a new version instead`);
  } else if (!alreadyPublished && !existing) {
    // Released outside this data folder (another machine, CI, by hand): the tag says so.
    const releasedTag = await releaseTagOf(dir, cfg, version, card);
    if (releasedTag) refusals.push(releasedMessage(version, releasedTag, cfg));
  }
  const onDisk = join(dir, cardPath);
  // The card is written into the repository only: never through a link that leads out of it.
  const cardEscape = escapesRoots(onDisk, [dir]);
  if (cardEscape) refusals.push(`${projectFilePath(dir)}: scorecard: ${cardPath}: ${cardEscape}; refused`);
  const current = !cardEscape && existsSync(onDisk) ? readFileSync(onDisk, 'utf8') : '';
  const hubCfg = cfg.publish.hub;
  const hub = hubCfg ? { url: hubCfg.url, id: hubAgentId(cfg, req.projectName), name: cfg.agent?.name ?? cardFacts?.name ?? req.projectName, tokenEnv: hubCfg.token_env } : null;
  const remote = cfg.publish.git.push === false ? null : cfg.publish.git.push;
  const branch = await currentBranch(dir);
  if (remote && !branch) refusals.push('HEAD is detached: check out the release branch before publishing');

  const recorded = existing && existing.card_sha256 === cardSha256 ? new Map(stepsOf(req.db, existing.id).map((s) => [s.step, s.status])) : new Map();
  const describe: Record<StepName, string> = {
    write: `write ${cardPath} atomically (temp file + rename)`,
    commit: `commit ${cardPath} on ${branch ?? 'HEAD'}`,
    upload: hub ? `upload to ${hub.url} as ${hub.id} ${version} (token from $${hub.tokenEnv})` : 'no hub configured (publish.hub): skipped',
    tag: `tag ${tag}`,
    push: remote ? `push ${branch ?? 'HEAD'} and ${tag} to ${remote} (atomic)` : 'publish.git.push is false: skipped',
  };
  const steps = STEPS.map((step) => ({ step, status: (recorded.get(step) ?? 'pending') as PlannedStep['status'], description: describe[step] }));
  const trust = hub ? hubTrust(req.dataDir, hub.url, hub.tokenEnv) : null;
  const untrusted = trust && steps.some((s) => s.step === 'upload' && s.status === 'pending') ? trustRefusal(trust) : null;
  if (untrusted && !alreadyPublished) refusals.push(untrusted);
  const noToken = req.dataDir && !alreadyPublished ? await missingHubTokenWarning(hub, steps, req.dataDir, req.env ?? process.env) : null;
  if (noToken) warnings.push(noToken);
  return {
    projectId: req.projectId,
    projectDir: dir,
    runId: run.runId,
    version,
    tag,
    cardPath,
    decision: run.decision,
    failureClass: run.failureClass,
    overrideReason: override,
    refusals,
    warnings,
    checks,
    previous,
    diff,
    card,
    cardSha256,
    cardFacts,
    cardDiff: lineDiff(current, card),
    cardChanges: drafted.changes,
    steps,
    existing,
    alreadyPublished,
    config: cfg,
    hub,
    hubTrust: trust,
    remote,
    branch,
  };
}
