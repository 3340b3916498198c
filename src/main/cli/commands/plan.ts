/**
 * `greenlight plan [--project DIR] [--eval E] [--gate G] [--detect D] [--power 0.8] [--json]`
 * (issue 16): how many items (and, with repeats, epochs) each statistical regression gate
 * needs, from the previous release's items. Without a project: `--baseline [KIND=]PATH`
 * (twice for two releases' paired items) and `--tolerance`.
 */
import type { Command } from 'commander';
import { UsageError, type Problem } from '../../../core/errors';
import type { Artefact } from '../../../core/artefact';
import type { Metric } from '../../../core/metric';
import { RegressionGateSchema, REGRESSION_MODES, type GateConfig } from '../../../core/project/gates';
import { planPolicy, type PlanRow } from '../../../core/gates/plan-policy';
import { loadArtefact, parseArtefactSpec } from '../../artefacts';
import { closeContext, createContext } from '../../context/context';
import { loadProject, type LoadedProject } from '../../project/load';
import { action, collect, EXIT_PASS } from '../exit';
import { parseNonNegative } from '../input';
import { projectDir } from '../runs/project-arg';
import { planRuns, type PlanRun, type PlanRuns } from '../../judge/plan-baseline';
import { discordance } from '../../../core/gates/plan-hint';
import { metricsOfArtefacts } from '../../../core/epochs';

interface PlanOptions {
  project?: string;
  eval?: string;
  gate?: string;
  detect?: string;
  power?: string;
  baseline: string[];
  tolerance?: string;
  mode?: string;
  alpha?: string;
  metric?: string;
  approximate?: boolean;
  tier?: string;
  json?: boolean;
}

export function register(program: Command): void {
  program
    .command('plan')
    .description('how many items a significance or noninferiority gate needs to reach a given power, from the previous release')
    .option('--project <dir>', 'project folder holding greenlight.yaml (default: here, unless --baseline and --tolerance are given)')
    .option('--eval <name>', "the eval whose runs give the baseline's items (default: the first)")
    .option('--gate <name>', 'plan only this gate')
    .option('--detect <d>', 'the true drop a significance gate must fail (default twice the tolerance)')
    .option('--power <p>', 'the power wanted (default 0.8)')
    .option('--baseline <[kind=]path>', 'the previous release’s artefact; give it twice (latest first) for two releases’ paired items', collect, [])
    .option('--tolerance <t>', 'without a project: the gate’s tolerance (a fraction of the scale)')
    .option('--mode <mode>', 'without a project: significance (default) or noninferiority')
    .option('--alpha <a>', 'without a project: alpha (default 0.05)')
    .option('--metric <name>', 'without a project: the metric (default: the only proportion the baseline has)')
    .option('--tier <tier>', 'tier for per-tier tolerances (default: the policy default)')
    .option('--approximate', 'normal approximation only (instant) instead of the exact power through the gate')
    .option('--json', 'print the plan as JSON')
    .action(action(planCommand));
}

async function loadAll(specs: string[]): Promise<Artefact[][]> {
  const out: Artefact[][] = [];
  const problems: Problem[] = [];
  for (const s of specs) {
    const p = parseArtefactSpec(s);
    if ('error' in p) throw new UsageError(`--baseline: ${p.error}`);
    const r = await loadArtefact(p.path, p.kind);
    if (r.ok) out.push([r.value]);
    else problems.push(...r.problems);
  }
  if (problems.length) throw new UsageError('baseline problems', problems);
  return out;
}

function commandLineGate(opts: PlanOptions, baseline: readonly Metric[]): GateConfig {
  const mode = opts.mode ?? 'significance';
  if (mode !== 'significance' && mode !== 'noninferiority') throw new UsageError(`--mode ${JSON.stringify(mode)}: plan takes significance or noninferiority (modes: ${REGRESSION_MODES.join(', ')})`);
  if (opts.tolerance === undefined) throw new UsageError('--tolerance: required without a project (the gate’s tolerance, e.g. 0.05)');
  const proportions = baseline.filter((m) => m.value !== null && m.value / (m.scale ?? 1) > 0 && m.value / (m.scale ?? 1) < 1 && (m.scale ?? 1) === 1);
  const metric = opts.metric ?? (proportions.length === 1 ? proportions[0]!.name : undefined);
  if (!metric) throw new UsageError(`--metric: the baseline has ${proportions.length} proportions (${proportions.map((m) => m.name).join(', ') || 'none'}); name one`);
  if (!baseline.some((m) => m.name === metric)) throw new UsageError(`--metric ${metric}: the baseline has no such metric (it has ${baseline.map((m) => m.name).join(', ')})`);
  return RegressionGateSchema.parse({
    name: 'plan',
    kind: 'regression',
    metric,
    mode,
    tolerance: parseNonNegative(opts.tolerance, '--tolerance', 0.05),
    alpha: parseNonNegative(opts.alpha, '--alpha', 0.05),
  });
}

async function planCommand(opts: PlanOptions): Promise<number> {
  const detect = opts.detect === undefined ? undefined : parseNonNegative(opts.detect, '--detect', 0);
  const power = parseNonNegative(opts.power, '--power', 0.8);
  if (!(power > 0 && power < 1)) throw new UsageError(`--power ${opts.power}: expected a number between 0 and 1, e.g. 0.8`);
  const standalone = opts.project === undefined && opts.baseline.length > 0 && opts.tolerance !== undefined;
  let project: LoadedProject | null = null;
  if (!standalone) project = loadProject(projectDir(null, opts.project));
  if (opts.baseline.length > 2) throw new UsageError('--baseline: give at most two (the previous release, then the one before it)');
  // The gate is checked before any baseline is looked for: a typo is named first.
  let projectGates: GateConfig[] = [];
  if (project) {
    const all = project.policy.gates;
    projectGates = opts.gate ? all.filter((g) => g.name === opts.gate) : [...all];
    if (opts.gate && projectGates.length === 0) throw new UsageError('gate', [{ file: project.file, path: 'gates', message: `unknown gate "${opts.gate}" (gates: ${all.map((g) => g.name).join(', ')})` }]);
  }
  const files = await loadAll(opts.baseline);
  let baseline: Metric[] = [];
  let previous: Metric[] | undefined;
  let source = '';
  let noiseFloor: PlanRuns['noiseFloor'] = null;
  if (files.length) {
    baseline = metricsOfArtefacts(files[0]!).metrics;
    previous = files[1] ? metricsOfArtefacts(files[1]).metrics : undefined;
    source = opts.baseline.join(' and ');
  } else if (project) {
    const evalName = opts.eval ?? project.evals[0]?.name ?? null;
    if (opts.eval && !project.evals.some((e) => e.name === opts.eval)) {
      throw new UsageError('eval', [{ file: project.file, path: 'evals', message: `unknown eval "${opts.eval}" (evals: ${project.evals.map((e) => e.name).join(', ')})` }]);
    }
    const ctx = createContext({ face: 'cli' });
    try {
      const runs = planRuns(ctx.db, project.dir, evalName);
      if (runs.latest) {
        baseline = runs.latest.metrics;
        previous = runs.previous?.metrics;
        source = `${runLabel(runs.latest)}${runs.previous ? ` paired with ${runLabel(runs.previous)}, the previous release` : ''}`;
      }
      noiseFloor = runs.noiseFloor;
    } finally {
      closeContext(ctx);
    }
    if (!baseline.length) throw new UsageError('baseline', [{ file: project.file, path: '', message: `no finished run of ${evalName ?? 'this project'} to plan from; run the eval once, or pass --baseline [KIND=]PATH` }]);
  }
  const gates = standalone ? [commandLineGate(opts, baseline)] : projectGates;
  const tier = opts.tier ?? project?.policy.default_tier ?? 'base';
  const rows = planPolicy({ gates, family: project?.policy.family, tier, baseline, ...(previous ? { previous } : {}), ...(detect !== undefined ? { detect } : {}), power, approximate: opts.approximate });
  if (rows.length === 0) {
    throw new UsageError('gates', [{ file: project?.file, path: 'gates', message: `no significance or noninferiority regression gate to plan${opts.gate ? ` (gate ${opts.gate} is ${gates[0]?.kind})` : ''}` }]);
  }
  const floor = noiseFloor ? noiseFloorOf(noiseFloor, rows) : null;
  if (opts.json) process.stdout.write(`${JSON.stringify({ baseline: source, rows, ...(floor ? { noise_floor: floor } : {}) }, null, 2)}\n`);
  else process.stdout.write(`baseline: ${source}\n${rows.map(describe).join('\n')}\n${floor ? `${describeFloor(floor)}\n` : ''}`);
  return EXIT_PASS;
}

const runLabel = (r: PlanRun): string => `run ${r.id}${r.version ? ` (v${r.version})` : ''}`;

interface NoiseFloor {
  runs: [string, string];
  version: string | null;
  /** Per planned metric, the share of items on which the two runs of one version differ. */
  metrics: Array<{ name: string; discordance: number | null }>;
}

/** The A/A pair's discordance on each planned metric: how much two runs of one version differ by noise alone. */
function noiseFloorOf(pair: NonNullable<PlanRuns['noiseFloor']>, rows: readonly PlanRow[]): NoiseFloor {
  const names = [...new Set(rows.map((r) => r.metric))];
  const of = (run: PlanRun, name: string) => run.metrics.find((m) => m.name === name);
  return {
    runs: [pair.first.id, pair.second.id],
    version: pair.version,
    metrics: names.map((name) => {
      const [a, b] = [of(pair.first, name), of(pair.second, name)];
      return { name, discordance: a && b ? (discordance(a, b) ?? null) : null };
    }),
  };
}

function describeFloor(f: NoiseFloor): string {
  const parts = f.metrics.filter((m) => m.discordance !== null).map((m) => `${m.name}: ${((m.discordance as number) * 100).toFixed(1)}% of items differ`);
  const what = parts.length ? parts.join('; ') : 'no shared per-item outcomes';
  return `noise floor (A/A): runs ${f.runs[0]} and ${f.runs[1]}${f.version ? ` of v${f.version}` : ''}, two runs of one version — ${what}: noise alone, not a change between releases (not taken as the previous release)`;
}

function describe(r: PlanRow): string {
  const head = `${r.gate} (${r.mode}, tolerance ${r.tolerance}, alpha ${r.alpha}${r.alpha_planned !== r.alpha ? `, planned at ${Number(r.alpha_planned.toPrecision(3))}: first level of Holm's step-down` : ''}) on ${r.metric}`;
  if (!r.plan) return `${head}: ${r.problem ?? 'no plan'}`;
  const b = r.baseline;
  const facts = [`baseline ${b.rate.toFixed(3)}${b.n !== null ? ` over ${b.n} items` : ''}`];
  if (b.change_variance !== undefined) facts.push(`paired across releases with ${b.epochs} epochs: per-item change variance ${b.change_variance.toPrecision(3)} (after the epoch noise)`);
  else if (b.discordance !== null) facts.push(`paired: ${(b.discordance * 100).toFixed(1)}% of items differed between the two releases`);
  if (b.design_effect > 1) facts.push(`design effect ${b.design_effect.toFixed(2)}`);
  const lines = [`${head}: ${facts.join('; ')}`, `  ${r.plan.words}`];
  if (r.plan.byEpochs) lines.push(`  with repeats: ${r.plan.byEpochs.map((e) => `${e.epochs} epoch${e.epochs === 1 ? '' : 's'} → ${e.n} items`).join(', ')} (epochs shrink only the within-item noise)`);
  return lines.join('\n');
}
