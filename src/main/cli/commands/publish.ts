/**
 * `greenlight publish`: publish the project's latest (or a named) run's scorecard. Exit 0
 * published or nothing left to do, 1 refused by the gates or a step failed (run again to
 * resume), 2 usage or configuration error. `--dry-run` prints every step and the card's
 * diff and changes nothing.
 */
import type { Command } from 'commander';
import { action, EXIT_FAIL, EXIT_PASS } from '../exit';
import { formatCardChanges } from '../../../core/diff/card-changes-text';
import { closeContext, createContext } from '../../context/context';
import { planPublish, publishRelease, type PublishPlan } from '../../publish';
import { projectAt } from '../../project/registered';

const out = (s: string): void => void process.stdout.write(`${s}\n`);

function printPlan(plan: PublishPlan): void {
  out(`publish ${plan.version} as ${plan.tag} from run ${plan.runId} (decision ${plan.decision ?? 'none'})`);
  if (plan.overrideReason) out(`override: ${plan.overrideReason}`);
  for (const c of plan.checks) out(`check ${c.name}: ${c.ok ? 'ok' : 'FAILED'} — ${c.message}`);
  for (const w of plan.warnings) out(`warning: ${w}`);
  for (const r of plan.refusals) out(`refused: ${r}`);
  out('steps:');
  plan.steps.forEach((s, i) => out(`  ${i + 1}. ${s.step}: ${s.description}${s.status !== 'pending' ? ` [${s.status}]` : ''}`));
  // The console's Publish tab shows the same aligned model (metrics and gates by name, what is carried over or dropped).
  if (plan.cardChanges) {
    out(`${plan.cardPath} against the previous release's card (${plan.previous?.tag ?? '?'}):`);
    for (const l of formatCardChanges(plan.cardChanges)) out(`  ${l}`);
  } else if (!plan.previous) out(`${plan.cardPath}: first release, nothing to compare with; the card is new`);
  else out(`${plan.cardPath}: the previous release ${plan.previous.tag} has no readable card to compare with`);
  if (!plan.cardDiff.some((l) => l.startsWith('+') || l.startsWith('-'))) out(`${plan.cardPath} in the repository is already this card: nothing new is written`);
  // End with the verdict, where the reader is.
  if (plan.alreadyPublished) out('dry run: already published; nothing to do');
  else if (plan.refusals.length) out(`dry run: publish would be refused — ${plan.refusals.join('; ')}`);
  else out(`dry run: would publish ${plan.tag} in ${plan.steps.length} steps${plan.warnings.length ? ` (${plan.warnings.length} warning${plan.warnings.length === 1 ? '' : 's'} above)` : ''}; nothing was changed`);
}

export function register(program: Command): void {
  program
    .command('publish')
    .description('publish a passing scorecard: write SCORECARD.md, commit, upload to the hub, tag, push')
    .option('--project <dir>', 'the project folder (default: the current folder)')
    .option('--run <id>', 'the run to publish (default: the project’s latest run)')
    .option('--dry-run', 'show every step and the card’s diff without doing any')
    .option('--override-reason <text>', 'publish a run whose decision is not ACCEPT; the reason is written into the card and the audit log')
    .option('--json', 'print the outcome as JSON')
    .action(
      action(async (opts: { project?: string; run?: string; dryRun?: boolean; overrideReason?: string; json?: boolean }) => {
        const ctx = createContext({ face: 'cli' });
        try {
          const project = projectAt(ctx.db, opts.project);
          const req = { db: ctx.db, projectId: project.id, projectDir: project.path, projectName: project.name, runId: opts.run, overrideReason: opts.overrideReason };
          if (opts.dryRun) {
            const plan = await planPublish({ ...req, dataDir: ctx.dataDir });
            if (opts.json) out(JSON.stringify({ dryRun: true, ...jsonPlan(plan) }, null, 2));
            else printPlan(plan);
            return plan.refusals.length > 0 && !plan.alreadyPublished ? EXIT_FAIL : EXIT_PASS;
          }
          ctx.events.subscribe((e) => {
            if (e.type === 'publish.step' && !opts.json && e.status !== 'running') out(`${e.step}: ${e.status}${e.message ? ` — ${e.message}` : ''}`);
          });
          const result = await publishRelease({ ...req, dataDir: ctx.dataDir, events: ctx.events });
          if (opts.json) {
            out(JSON.stringify({ result: result.result, message: result.message, publish: result.publish, steps: result.steps, plan: jsonPlan(result.plan) }, null, 2));
          } else {
            // The message carries the reason, including the one refusal that is not a gate (another publish holds the lease).
            if (result.result === 'refused') process.stderr.write(`greenlight: refused: ${result.message}\n`);
            // Name the run: a plain `publish` again would pick the project's latest run, which may be newer.
            else if (result.result === 'failed') process.stderr.write(`greenlight: ${result.message}\ngreenlight: to resume: greenlight publish --run ${result.plan.runId}${opts.project ? ` --project ${opts.project}` : ''}\n`);
            else out(result.message);
          }
          return result.result === 'published' || result.result === 'nothing-to-do' ? EXIT_PASS : EXIT_FAIL;
        } finally {
          closeContext(ctx);
        }
      }),
    );
}

function jsonPlan(p: PublishPlan): Record<string, unknown> {
  const { config: _config, cardFacts: _facts, existing: _existing, ...rest } = p;
  return rest;
}
