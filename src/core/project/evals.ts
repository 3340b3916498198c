/**
 * The `evals` section of `greenlight.yaml` (SPEC §2.3): what the runner executes. Each eval
 * has a name, a command (an argv array; a string is split safely or refused), `cwd`, `env`,
 * `timeout`, the GPU it occupies and the artefacts it leaves. Every problem comes back with
 * its dotted path (`evals.0.env`), never as an exception.
 */
import { z } from 'zod';
import { ARTEFACT_KINDS } from '../artefact';
import type { Result } from '../errors';
import { locatedProblems, type Locator } from './locate';
import { RepeatsShape } from './repeats';
import { PLACEHOLDERS, parseDuration, pathEscape, splitCommand, unknownPlaceholders } from './command';

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const scalar = z.union([z.string(), z.number(), z.boolean()], { error: 'expected a string, number or boolean value' });

const CommandSchema = z.union([z.array(z.string({ error: 'expected each argument to be a string' })), z.string()], {
  error: 'expected the command as a list of arguments, e.g. [node, eval.mjs, --out, "{run_dir}"]',
});

const EnvSchema = z.preprocess(
  (raw) => {
    // `env: [NAME=value, …]` is accepted too; anything else must be a mapping.
    if (!Array.isArray(raw)) return raw;
    const out: Record<string, unknown> = {};
    for (const item of raw) {
      if (typeof item !== 'string' || !item.includes('=')) return { __bad_list__: true };
      const eq = item.indexOf('=');
      out[item.slice(0, eq)] = item.slice(eq + 1);
    }
    return out;
  },
  z
    .record(z.string(), scalar, { error: 'expected a mapping of NAME: value (or a list of NAME=value strings)' })
    .superRefine((env, ctx) => {
      if ('__bad_list__' in env) {
        ctx.addIssue({ code: 'custom', message: 'expected a mapping of NAME: value (or a list of NAME=value strings)' });
        return;
      }
      for (const k of Object.keys(env)) {
        if (!ENV_NAME.test(k)) ctx.addIssue({ code: 'custom', path: [k], message: `"${k}" is not a valid environment variable name` });
      }
    })
    .transform((env) => Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v)]))),
);

export const EvalArtefactSchema = z.object({
  kind: z.enum(ARTEFACT_KINDS, { error: `expected kind one of ${ARTEFACT_KINDS.join(', ')}` }).optional(),
  path: z.string({ error: 'expected the artefact path (may use {run_dir})' }).min(1, 'expected a non-empty path'),
  ground_truth: z.string().min(1).optional(),
  /** A missing optional artefact is noted; a missing required one fails the run's gates. */
  optional: z.boolean().default(false),
});

export const EvalSchema = z.object({
  name: z
    .string({ error: 'expected the eval name' })
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'expected a name of letters, digits, ".", "_" or "-"'),
  command: CommandSchema,
  cwd: z.string().min(1).optional(),
  env: EnvSchema.default({}),
  timeout: z
    .union([z.string(), z.number()], { error: 'expected a duration such as 90s, 15m or 3h' })
    .optional(),
  /** The GPU index the eval occupies (one eval per GPU at a time), or `none` for CPU-only evals. */
  gpu: z.union([z.number().int().nonnegative(), z.literal('none')], { error: 'expected a GPU index (0, 1, …) or none' }).default(0),
  tier: z.string().min(1).optional(),
  artefacts: z.array(EvalArtefactSchema, { error: 'expected a list of {kind, path}' }).default([]),
  ...RepeatsShape,
});

export interface EvalConfig {
  name: string;
  argv: string[];
  cwd?: string;
  env: Record<string, string>;
  timeoutMs: number | null;
  gpu: number | 'none';
  tier?: string;
  artefacts: Array<z.output<typeof EvalArtefactSchema>>;
  /** Epochs per run (1: a plain run). */
  repeats: number;
}

type Issue = { path: Array<string | number>; message: string };

/** An eval's own rules beyond its shape: a program to run, known placeholders, paths inside the project, a duration. */
function checkEval(e: z.output<typeof EvalSchema>, i: number, names: Set<string>, problems: Issue[]): EvalConfig | null {
  const at = (...p: Array<string | number>): Array<string | number> => [i, ...p];
  if (names.has(e.name)) problems.push({ path: at('name'), message: `duplicate eval name "${e.name}"` });
  names.add(e.name);
  let argv: string[];
  if (typeof e.command === 'string') {
    const s = splitCommand(e.command);
    if (!s.ok) {
      problems.push({ path: at('command'), message: s.message });
      return null;
    }
    argv = s.argv;
  } else argv = e.command;
  if (argv.length === 0 || argv[0] === '') problems.push({ path: at('command'), message: 'expected a program to run as the first argument' });
  const texts: Array<[Array<string | number>, string]> = [
    ...argv.map((a, j): [Array<string | number>, string] => [at('command', j), a]),
    ...(e.cwd ? [[at('cwd'), e.cwd] as [Array<string | number>, string]] : []),
    ...Object.entries(e.env).map(([k, v]): [Array<string | number>, string] => [at('env', k), v]),
    ...e.artefacts.map((a, j): [Array<string | number>, string] => [at('artefacts', j, 'path'), a.path]),
  ];
  for (const [path, text] of texts) {
    for (const name of unknownPlaceholders(text)) {
      problems.push({ path, message: `unknown placeholder {${name}} (known: ${PLACEHOLDERS.map((p) => `{${p}}`).join(', ')})` });
    }
  }
  const paths: Array<[Array<string | number>, string | undefined]> = [
    [at('cwd'), e.cwd],
    ...e.artefacts.flatMap((a, j): Array<[Array<string | number>, string | undefined]> => [
      [at('artefacts', j, 'path'), a.path],
      [at('artefacts', j, 'ground_truth'), a.ground_truth],
    ]),
  ];
  for (const [path, text] of paths) {
    const why = text === undefined ? null : pathEscape(text);
    if (why) problems.push({ path, message: `"${text}": ${why}` });
  }
  let timeoutMs: number | null = null;
  if (e.timeout !== undefined) {
    timeoutMs = parseDuration(e.timeout);
    if (timeoutMs === null) problems.push({ path: at('timeout'), message: `"${e.timeout}" is not a duration; expected e.g. 90s, 15m or 3h` });
  }
  return { name: e.name, argv, cwd: e.cwd, env: e.env, timeoutMs, gpu: e.gpu, tier: e.tier, artefacts: e.artefacts, repeats: e.repeats };
}

/** The `evals` section: absent is none; each eval checked beyond its shape, every problem at its path. */
export const EvalsSchema = z
  .array(EvalSchema, { error: 'expected a list of evals' })
  .nullish()
  .transform((list, ctx): EvalConfig[] => {
    const problems: Issue[] = [];
    const names = new Set<string>();
    const out: EvalConfig[] = [];
    (list ?? []).forEach((e, i) => {
      const c = checkEval(e, i, names, problems);
      if (c) out.push(c);
    });
    for (const p of problems) ctx.issues.push({ code: 'custom', input: list, path: p.path, message: p.message });
    return out;
  });

export const EvalsShape = { evals: EvalsSchema };

/** Validate the `evals` section of a parsed `greenlight.yaml` document. */
export function parseEvals(doc: unknown, file?: string, where?: Locator): Result<EvalConfig[]> {
  const raw = doc && typeof doc === 'object' && !Array.isArray(doc) ? (doc as Record<string, unknown>).evals : undefined;
  const parsed = z.object(EvalsShape).safeParse({ evals: raw });
  if (!parsed.success) return { ok: false, problems: locatedProblems(parsed.error.issues, file, where, doc) };
  return { ok: true, value: parsed.data.evals };
}

/** Pick evals by name; an unknown name is a usage problem that lists the known ones. */
export function selectEvals(evals: EvalConfig[], name: string | undefined, file?: string): Result<EvalConfig[]> {
  if (evals.length === 0) return { ok: false, problems: [{ file, path: 'evals', message: 'no evals declared; add an evals section with a command to run' }] };
  if (name === undefined) return { ok: true, value: evals };
  const found = evals.find((e) => e.name === name);
  if (!found) return { ok: false, problems: [{ file, path: 'evals', message: `unknown eval "${name}" (evals: ${evals.map((e) => e.name).join(', ')})` }] };
  return { ok: true, value: [found] };
}
