/**
 * The `executor:` and `pipeline:` sections of `greenlight.yaml` (SPEC §2.13, issue 17): named
 * stages, each a command (or one of the `evals`), with `needs`, an optional `matrix`, the
 * artefacts it leaves and the gates that judge it; where it runs (`local`, the default, or
 * `slurm`). Its own module so the project schema can compose it; the DAG rules live in
 * core/pipeline/dag.ts. Every problem comes back with its dotted path.
 */
import { z } from 'zod';
import { problemsFromZod, type Problem, type Result } from '../errors';
import { GateConfigSchema, type GateConfig } from './gates';
import { EvalArtefactSchema, type EvalConfig } from './evals';
import { PLACEHOLDERS, parseDuration, pathEscape, splitCommand } from './command';

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const MATRIX_KEY = /^[a-z_]+$/;
/** Anything that ends up on sbatch's command line or in the batch script: one printable line. */
const oneLine = (what: string) =>
  z.string({ error: `expected ${what} as a string` }).min(1, `expected a non-empty ${what}`).refine((v) => !/\p{Cc}/u.test(v), `expected ${what} on one line, without control characters`);

export const LocalExecutorSchema = z.object({ kind: z.literal('local') });
export const SlurmExecutorSchema = z.object({
  kind: z.literal('slurm'),
  partition: oneLine('a partition').optional(),
  gres: oneLine('a gres such as gpu:1').optional(),
  /** sbatch --time: minutes, MM:SS, HH:MM:SS, D-HH[:MM[:SS]]. Slurm counts limits in whole minutes. */
  time: oneLine('a time limit').regex(/^(\d+-)?\d+(:\d+){0,2}$/, 'expected a Slurm time limit such as 30, 2:00:00 or 1-00:00:00').optional(),
  account: oneLine('an account').optional(),
  qos: oneLine('a QOS').optional(),
  /** Further sbatch options, each one argument (e.g. "--constraint=a100"); passed as argv, never through a shell. */
  extra: z.array(oneLine('an sbatch option').regex(/^-/, 'expected an sbatch option starting with "-"')).default([]),
});
export const ExecutorSchema = z.discriminatedUnion('kind', [LocalExecutorSchema, SlurmExecutorSchema], {
  error: 'expected an executor {kind: local} or {kind: slurm, partition, gres, time, account, qos, extra}',
});
export type ExecutorConfig = z.output<typeof ExecutorSchema>;
export type SlurmExecutorConfig = z.output<typeof SlurmExecutorSchema>;

const scalar = z.union([z.string(), z.number(), z.boolean()]).transform(String);

export const StageSchema = z.object({
  name: z.string({ error: 'expected the stage name' }).regex(NAME, 'expected a name of letters, digits, ".", "_" or "-"'),
  command: z.union([z.array(z.string()), z.string()], { error: 'expected the command as a list of arguments' }).optional(),
  /** Run one of the project's `evals` (its command, cwd, env and artefacts) as this stage. */
  eval: z.string().min(1).optional(),
  needs: z.array(z.string({ error: 'expected stage names' }), { error: 'expected a list of stage names' }).default([]),
  matrix: z
    .record(z.string().regex(MATRIX_KEY, 'expected a matrix key of lower-case letters and "_"'), z.array(scalar, { error: 'expected a list of values' }).min(1, 'expected at least one value'), {
      error: 'expected a mapping such as {task: [mmlu, gsm8k]}',
    })
    .optional(),
  cwd: z.string().min(1).optional(),
  env: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected an environment variable name'), scalar).default({}),
  timeout: z.union([z.string(), z.number()]).optional(),
  artefacts: z.array(EvalArtefactSchema, { error: 'expected a list of {kind, path}' }).default([]),
  gates: z.array(GateConfigSchema, { error: 'expected a list of gates' }).default([]),
  /** How often a job that ended in TIMEOUT, PREEMPTED or NODE_FAIL is resubmitted. */
  retries: z.number({ error: 'expected a number of retries' }).int().min(0).max(20).default(0),
  executor: ExecutorSchema.optional(),
});

export const PipelineSchema = z.object({
  stages: z.array(StageSchema, { error: 'expected a list of stages' }).min(1, 'expected at least one stage'),
});

/** The sections' shapes for the composed project schema (core/project/schema.ts); the cross-section rules are `parsePipeline`. */
export const PipelineShape = { executor: ExecutorSchema.nullish(), pipeline: PipelineSchema.nullish() };

export interface StageConfig {
  name: string;
  /** Index in `pipeline.stages`, to name the field in messages. */
  index: number;
  argv: string[];
  cwd?: string;
  env: Record<string, string>;
  timeoutMs: number | null;
  needs: string[];
  /** Keys in declaration order, each with its values. */
  matrix: Array<[string, string[]]>;
  artefacts: EvalConfig['artefacts'];
  gates: GateConfig[];
  retries: number;
  executor: ExecutorConfig;
  /** The eval this stage runs, when it names one. */
  evalName?: string;
}

export interface PipelineConfig {
  executor: ExecutorConfig;
  stages: StageConfig[];
}

/** Validate `executor:` and `pipeline:`; null when the project declares no pipeline. */
export function parsePipeline(doc: unknown, evals: readonly EvalConfig[], file?: string): Result<PipelineConfig | null> {
  const record = doc && typeof doc === 'object' && !Array.isArray(doc) ? (doc as Record<string, unknown>) : {};
  const problems: Problem[] = [];
  let executor: ExecutorConfig = { kind: 'local' };
  if (record.executor !== undefined && record.executor !== null) {
    const e = ExecutorSchema.safeParse(record.executor);
    if (e.success) executor = e.data;
    else problems.push(...problemsFromZod(e.error.issues.map((i) => ({ ...i, path: ['executor', ...i.path] })), file));
  }
  if (record.pipeline === undefined || record.pipeline === null) return problems.length ? { ok: false, problems } : { ok: true, value: null };
  const parsed = PipelineSchema.safeParse(record.pipeline);
  if (!parsed.success) return { ok: false, problems: [...problems, ...problemsFromZod(parsed.error.issues.map((i) => ({ ...i, path: ['pipeline', ...i.path] })), file)] };
  const stages: StageConfig[] = [];
  const names = new Set<string>();
  parsed.data.stages.forEach((s, i) => {
    const at = (p: string): string => `pipeline.stages.${i}${p ? `.${p}` : ''}`;
    const say = (p: string, message: string): void => void problems.push({ file, path: at(p), message });
    if (names.has(s.name)) say('name', `duplicate stage name "${s.name}"`);
    names.add(s.name);
    const keys = Object.keys(s.matrix ?? {});
    for (const k of keys) if ((PLACEHOLDERS as readonly string[]).includes(k)) say(`matrix.${k}`, `"${k}" is a built-in placeholder; choose another matrix key`);
    let argv: string[] = [];
    let cwd = s.cwd;
    let env = s.env;
    let artefacts = s.artefacts;
    let timeoutMs: number | null = null;
    if ((s.command === undefined) === (s.eval === undefined)) {
      say('', 'expected exactly one of command or eval');
      return;
    }
    if (s.eval !== undefined) {
      const ev = evals.find((e) => e.name === s.eval);
      if (!ev) {
        say('eval', `unknown eval "${s.eval}" (evals: ${evals.map((e) => e.name).join(', ') || 'none'})`);
        return;
      }
      argv = ev.argv;
      cwd ??= ev.cwd;
      env = { ...ev.env, ...s.env };
      if (artefacts.length === 0) artefacts = ev.artefacts;
      timeoutMs = ev.timeoutMs;
    } else if (typeof s.command === 'string') {
      const split = splitCommand(s.command);
      if (!split.ok) return say('command', split.message);
      argv = split.argv;
    } else argv = s.command ?? [];
    if (argv.length === 0 || argv[0] === '') say('command', 'expected a program to run as the first argument');
    if (s.timeout !== undefined) {
      timeoutMs = parseDuration(s.timeout);
      if (timeoutMs === null) say('timeout', `"${s.timeout}" is not a duration; expected e.g. 90s, 15m or 3h`);
    }
    const known = [...PLACEHOLDERS, ...keys];
    const texts: Array<[string, string]> = [
      ...argv.map((a, j): [string, string] => [`command.${j}`, a]),
      ...(cwd ? [['cwd', cwd] as [string, string]] : []),
      ...Object.entries(env).map(([k, v]): [string, string] => [`env.${k}`, v]),
      ...artefacts.map((a, j): [string, string] => [`artefacts.${j}.path`, a.path]),
      ...s.gates.flatMap((g, j): Array<[string, string]> => ('metric' in g && typeof g.metric === 'string' ? [[`gates.${j}.metric`, g.metric]] : [])),
    ];
    for (const [p, text] of texts) {
      for (const m of text.matchAll(/\{([a-z_]+)\}/g)) {
        if (!known.includes(m[1] as string)) say(p, `unknown placeholder {${m[1]}} (known: ${known.map((k) => `{${k}}`).join(', ')})`);
      }
    }
    for (const [p, text] of [['cwd', cwd] as const, ...artefacts.map((a, j) => [`artefacts.${j}.path`, a.path] as const)]) {
      const why = text === undefined ? null : pathEscape(text);
      if (why) say(p, `"${text}": ${why}`);
    }
    const gateNames = new Set<string>();
    s.gates.forEach((g, j) => {
      if (gateNames.has(g.name)) say(`gates.${j}.name`, `duplicate gate name "${g.name}" in this stage`);
      gateNames.add(g.name);
    });
    stages.push({
      name: s.name,
      index: i,
      argv,
      ...(cwd !== undefined ? { cwd } : {}),
      env,
      timeoutMs,
      needs: s.needs,
      matrix: Object.entries(s.matrix ?? {}),
      artefacts,
      gates: s.gates,
      retries: s.retries,
      executor: s.executor ?? executor,
      ...(s.eval !== undefined ? { evalName: s.eval } : {}),
    });
  });
  return problems.length ? { ok: false, problems } : { ok: true, value: { executor, stages } };
}
