/**
 * `greenlight scorecard validate|render|carry-forward|gate` (SPEC §2.11): seed 001's
 * validator, generator, carry-forward and release gate, over `src/core/scorecard`.
 */
import { type Command, InvalidArgumentError, Option } from 'commander';
import { formatProblem, UsageError, type Problem } from '../../../core/errors';
import { parseJsonTolerant } from '../../../core/json';
import { carryForward, parseScorecard, renderScorecard, validateScorecard, type ScorecardData } from '../../../core/scorecard';
import { scorecardGate, type CardInput, type RegressionMode } from '../../../core/scorecard/gate';
import { relative, resolve, sep } from 'node:path';
import { showAtRef, type ShowResult } from '../../git/show';
import { cardAtCommit } from '../../git/releases';
import { isRepository, tryResolveCommit } from '../../git/repo';
import { loadReleaseConfig } from '../../project/release-settings';
import { writeFileAtomic } from '../../fs/atomic';
import { readTextOrUsage, unreadableReason } from '../../fs/read';
import { readTextFileSync } from '../../fs/read-file';
import { closeContext, createContext } from '../../context/context';
import { getRunDetail } from '../../store/run-detail';
import { action, EXIT_FAIL, EXIT_PASS } from '../exit';
import { escapeData } from '../gate-output';

type Format = 'text' | 'github';

export function register(program: Command): void {
  const sc = program.command('scorecard').description('validate, render, carry forward and gate SCORECARD.md files');

  sc.command('validate')
    .description('check a SCORECARD.md: exit 0 valid, 1 invalid (one line per problem)')
    .argument('<file>', 'the SCORECARD.md')
    .option('--json', 'print {valid, problems} as JSON')
    .addOption(formatOption())
    .action(
      action(async (file: string, opts: { json?: boolean; format: Format }) => {
        const text = await readText(file);
        const parsed = parseScorecard(text, file);
        const problems = parsed.ok ? validateScorecard(parsed.value.data, file) : parsed.problems;
        if (opts.json) process.stdout.write(`${JSON.stringify({ file, valid: problems.length === 0, problems }, null, 2)}\n`);
        else if (problems.length === 0) process.stdout.write(`${file}: valid\n`);
        else for (const p of problems) process.stdout.write(`${line('error', formatProblem(p), opts.format)}\n`);
        return problems.length === 0 ? EXIT_PASS : EXIT_FAIL;
      }),
    );

  sc.command('render')
    .description('render a SCORECARD.md from a payload (JSON) or a recorded run')
    .option('--input <payload>', 'the scorecard payload JSON')
    .option('--run <id>', 'a recorded run')
    .option('--out <file>', 'write here (atomically) instead of stdout')
    .option('--generated-at <iso>', 'timestamp to record (default: now; the payload’s own wins when given)')
    .action(
      action(async (opts: { input?: string; run?: string; out?: string; generatedAt?: string }) => {
        if (opts.input !== undefined && opts.run !== undefined) throw new UsageError('--input and --run are mutually exclusive');
        if (opts.run !== undefined) {
          await emit(runScorecard(opts.run), opts.out);
          return EXIT_PASS;
        }
        if (opts.input === undefined) throw new UsageError('scorecard render needs --input PAYLOAD.json (or --run ID)');
        const json = parseJsonTolerant(await readText(opts.input), opts.input);
        if (!json.ok) throw new UsageError('payload is not JSON', json.problems);
        const hasOwn = typeof json.value === 'object' && json.value !== null && typeof (json.value as Record<string, unknown>).generated_at === 'string';
        const r = renderScorecard(json.value, hasOwn && !opts.generatedAt ? {} : { generatedAt: opts.generatedAt ?? new Date().toISOString() });
        if (!r.ok) throw new UsageError('payload is invalid', withFile(r.problems, opts.input));
        await emit(r.value, opts.out);
        return EXIT_PASS;
      }),
    );

  sc.command('carry-forward')
    .description('copy a card to a later patch version of the same minor (anything else: re-run the eval)')
    .requiredOption('--from <file>', 'the card to carry forward')
    .requiredOption('--version <version>', 'the new patch version (X.Y.Z)')
    .option('--out <file>', 'write here (atomically) instead of stdout')
    .option('--generated-at <iso>', 'timestamp to record (default: now)')
    .action(
      action(async (opts: { from: string; version: string; out?: string; generatedAt?: string }) => {
        const parsed = parseScorecard(await readText(opts.from), opts.from);
        if (!parsed.ok) throw new UsageError('cannot read the card', parsed.problems);
        const r = carryForward(parsed.value, opts.version, opts.from);
        if (!r.ok) throw new UsageError('cannot carry forward', r.problems);
        const out = renderScorecard(r.value, { generatedAt: opts.generatedAt ?? new Date().toISOString() });
        if (!out.ok) throw new UsageError('cannot render the carried card', withFile(out.problems, opts.from));
        await emit(out.value, opts.out);
        return EXIT_PASS;
      }),
    );

  sc.command('gate')
    .description('release gate: the card exists, validates, has the expected version and does not regress')
    .requiredOption('--scorecard <file>', 'the candidate SCORECARD.md')
    .option('--baseline-file <file>', 'the previous release’s card, as a file')
    .option('--baseline-ref <ref>', 'the previous release’s card, read at this git ref')
    .option('--baseline-path <path>', 'with --baseline-ref: where the card was at that ref (default: the --scorecard path)')
    .option('--project <dir>', "with --baseline-ref: the project whose greenlight.yaml lists the card's paths (scorecard:), each tried at the ref in turn (cards move)")
    .option('--first-release', 'declare that there is no previous release (first adoption)')
    .option('--allow-regression', 'a lower aggregate passes with a ::warning::')
    .option('--expected-version <version>', 'fail unless agent.version is this version')
    .option('--min-aggregate <x>', 'fail when the aggregate is below x (also on a first release)', parseNumber)
    .addOption(new Option('--mode <mode>', 'regression mode').choices(['strict', 'tolerance', 'noninferiority', 'significance']).default('strict'))
    .option('--tolerance <points>', 'aggregate points the candidate may drop (tolerance and statistical modes)', parseNumber)
    .option('--alpha <a>', 'significance level for the statistical modes', parseNumber)
    .option('--json', 'print the result as JSON')
    .action(
      action(async (opts: GateOpts) => {
        const given = [opts.baselineFile, opts.baselineRef, opts.firstRelease].filter((x) => x !== undefined && x !== false).length;
        if (given > 1) throw new UsageError('--baseline-file, --baseline-ref and --first-release are mutually exclusive');
        if (given === 0) throw new UsageError('no baseline: give --baseline-file F, --baseline-ref REF, or declare --first-release');
        if (opts.baselinePath !== undefined && opts.baselineRef === undefined) throw new UsageError('--baseline-path applies only with --baseline-ref');
        if (opts.project !== undefined && opts.baselineRef === undefined) throw new UsageError('--project applies only with --baseline-ref');
        const candidate = await readCard(opts.scorecard);
        let baseline: CardInput | { firstRelease: true };
        if (opts.firstRelease) baseline = { firstRelease: true };
        else if (opts.baselineFile !== undefined) baseline = await readCard(opts.baselineFile);
        else {
          const ref = opts.baselineRef as string;
          const path = opts.baselinePath ?? opts.scorecard;
          const shown: ShowResult & { path?: string } = opts.project !== undefined ? await showProjectCardAtRef(ref, opts.project, opts.baselinePath) : await showAtRef(ref, path);
          if (shown.status === 'not-a-repository' || shown.status === 'ref-not-found') {
            // A ref that does not resolve is a usage error (exit 2), never a first release.
            const why = shown.status === 'not-a-repository' ? `${ref}: cannot be read, ${shown.message}` : shown.message;
            throw new UsageError(`--baseline-ref ${why}; declare a first release with --first-release`);
          }
          const at = shown.path ?? path;
          baseline =
            shown.status === 'file-not-found'
              ? { ok: false, source: `${ref}:${at}`, problems: [{ file: `${ref}:${at}`, path: '', message: `no scorecard at this ref (${shown.message}); declare a first release with --first-release` }] }
              : cardFromText(shown.text, `${ref}:${at}`);
        }
        const r = scorecardGate({
          candidate,
          baseline,
          allowRegression: opts.allowRegression === true,
          ...(opts.expectedVersion !== undefined ? { expectedVersion: opts.expectedVersion } : {}),
          ...(opts.minAggregate !== undefined ? { minAggregate: opts.minAggregate } : {}),
          mode: opts.mode,
          ...(opts.tolerance !== undefined ? { tolerance: opts.tolerance } : {}),
          ...(opts.alpha !== undefined ? { alpha: opts.alpha } : {}),
        });
        if (opts.json) process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
        else for (const l of r.lines) process.stdout.write(`${line(l.level, l.message, 'github')}\n`);
        if (!opts.json) process.stdout.write(r.passed ? 'scorecard gate: pass\n' : 'scorecard gate: FAIL\n');
        return r.passed ? EXIT_PASS : EXIT_FAIL;
      }),
    );
}

/** The card rendered when the run finished (stored with it), checked before it is given out. */
function runScorecard(id: string): string {
  const ctx = createContext({ face: 'cli' });
  try {
    const run = getRunDetail(ctx.db, id);
    if (!run) throw new UsageError(`--run ${id}: no such run (see greenlight runs list)`);
    if (run.scorecard === null) throw new UsageError(`--run ${id}: the run has no scorecard (its version is not X.Y.Z, or it has no valid metric; see greenlight runs show ${id})`);
    const parsed = parseScorecard(run.scorecard, `run ${id}`);
    const problems = parsed.ok ? validateScorecard(parsed.value.data, `run ${id}`) : parsed.problems;
    if (problems.length) throw new UsageError(`--run ${id}: the stored scorecard is invalid`, problems);
    return run.scorecard;
  } finally {
    closeContext(ctx);
  }
}

/** With --project: the card at the ref, from the first of the project's `scorecard:` paths (after --baseline-path, when given) that exists there. */
async function showProjectCardAtRef(ref: string, project: string, first: string | undefined): Promise<ShowResult & { path?: string }> {
  const dir = resolve(project);
  const cfg = loadReleaseConfig(dir);
  if (!(await isRepository(dir))) return { status: 'not-a-repository', message: `${dir} is not inside a git repository` };
  const commit = await tryResolveCommit(dir, ref);
  if (commit === null) return { status: 'ref-not-found', message: `${ref}: does not resolve in ${dir}` };
  const paths = [...(first !== undefined ? [relative(dir, resolve(first)).split(sep).join('/')] : []), ...cfg.scorecard];
  const found = await cardAtCommit(dir, commit, paths);
  if (!found) return { status: 'file-not-found', commit, message: `none of ${paths.join(', ')} exists at ${ref} (${commit.slice(0, 12)})` };
  return { status: 'ok', text: found.text, commit, path: found.path };
}

interface GateOpts {
  project?: string;
  scorecard: string;
  baselineFile?: string;
  baselineRef?: string;
  baselinePath?: string;
  firstRelease?: boolean;
  allowRegression?: boolean;
  expectedVersion?: string;
  minAggregate?: number;
  mode: RegressionMode;
  tolerance?: number;
  alpha?: number;
  json?: boolean;
}

function formatOption(): Option {
  return new Option('--format <format>', 'output style; github adds ::error:: annotations').choices(['text', 'github']).default('text');
}

function line(level: 'error' | 'warning' | 'notice', message: string, format: Format): string {
  if (format === 'github') return level === 'notice' ? message : `::${level}::${escapeData(message)}`;
  return level === 'notice' ? message : `${level}: ${message}`;
}

function parseNumber(v: string): number {
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n)) throw new InvalidArgumentError('expected a finite number');
  return n;
}

const readText = (file: string): Promise<string> => readTextOrUsage(file);

/** A card for the gate: a missing or invalid card is a failed gate (exit 1), as in seed 001. */
async function readCard(file: string): Promise<CardInput> {
  let text: string;
  try {
    text = readTextFileSync(file);
  } catch (err) {
    return { ok: false, source: file, problems: [{ file, path: '', message: unreadableReason(err) }] };
  }
  return cardFromText(text, file);
}

function cardFromText(text: string, source: string): CardInput {
  const parsed = parseScorecard(text, source);
  if (!parsed.ok) return { ok: false, source, problems: parsed.problems };
  const problems = validateScorecard(parsed.value.data, source);
  if (problems.length) return { ok: false, source, problems };
  return { ok: true, source, card: parsed.value.data as ScorecardData };
}

function withFile(problems: Problem[], file: string): Problem[] {
  return problems.map((p) => ({ ...p, file: p.file ?? file }));
}

/** stdout, or an atomic write (temp file + rename) so a reader never sees half a card. */
async function emit(text: string, out?: string): Promise<void> {
  if (out === undefined) {
    process.stdout.write(text);
    return;
  }
  try {
    writeFileAtomic(out, text);
  } catch (err) {
    throw new UsageError(`${out}: cannot be written (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
}
