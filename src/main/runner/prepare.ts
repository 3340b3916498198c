/**
 * Before anything is stored: check everything a run needs (the eval exists, its cwd exists,
 * the run folder can be written, the tier is known) and turn the config into the exact argv,
 * cwd and environment. Any problem is a UsageError and nothing is written to the store.
 */
import { closeSync, existsSync, mkdirSync, openSync, rmdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { newRunId } from '../store/run-id';
import { UsageError } from '../../core/errors';
import type { EvalConfig } from '../../core/project/evals';
import { expandPlaceholders, type PlaceholderValues } from '../../core/project/command';
import { redactEnv, redactText, secretValues } from '../../core/runner/redact';
import { runsDir } from '../paths';
import { hubTokenVariables } from '../hub/trust';
import { escapesRoots } from '../artefacts/confine';
import type { LoadedProject } from '../project/load';

export interface PreparedRun {
  id: string;
  project: LoadedProject;
  eval: EvalConfig;
  evalIndex: number;
  tier: string;
  runDir: string;
  logPath: string;
  argv: string[];
  cwd: string;
  /** The full environment of the child (inherited + the eval's). Never stored. */
  childEnv: NodeJS.ProcessEnv;
  /** What is stored: the eval's own variables, secrets redacted. */
  storedEnv: Record<string, string>;
  storedCommand: string[];
  secrets: string[];
  values: PlaceholderValues;
  gpu: string | null;
}

/**
 * Make the run's folder and its empty log. Done after every check has passed, so a bad
 * config leaves no folder behind; an unwritable data folder is a UsageError.
 */
export function createRunFolder(dataDir: string, p: Pick<PreparedRun, 'runDir' | 'logPath'>): void {
  const base = runsDir(dataDir);
  const { runDir, logPath } = p;
  try {
    mkdirSync(runDir, { recursive: true });
  } catch (err) {
    throw new UsageError('run folder', [{ file: base, path: '', message: `cannot create the run folder (${code(err)}); check that the data folder is writable or set GREENLIGHT_HOME` }]);
  }
  try {
    closeSync(openSync(logPath, 'a'));
  } catch (err) {
    try {
      rmdirSync(runDir); // only the empty folder this call just made
    } catch {
      // leave it
    }
    throw new UsageError('run folder', [{ file: runDir, path: '', message: `the run folder is not writable (${code(err)})` }]);
  }
}

export function prepareRun(
  dataDir: string,
  project: LoadedProject,
  ev: EvalConfig,
  opts: { tier?: string; commit: string | null; env?: NodeJS.ProcessEnv },
): PreparedRun {
  const evalIndex = project.evals.indexOf(ev);
  const at = (...field: Array<string | number>): { path: string; line?: number } => project.locate(['evals', evalIndex, ...field]);
  const tier = opts.tier ?? ev.tier ?? project.policy.default_tier;
  if (!project.policy.tiers.includes(tier)) {
    throw new UsageError('unknown tier', [{ file: project.file, ...(opts.tier ? { path: '--tier' } : at('tier')), message: `unknown tier "${tier}" (tiers: ${project.policy.tiers.join(', ')})` }]);
  }
  const id = newRunId();
  const runDir = join(runsDir(dataDir), id);
  const logPath = join(runDir, 'log.txt');
  const values: PlaceholderValues = {
    run_dir: runDir,
    run_id: id,
    project_dir: project.dir,
    ...(project.version ? { version: project.version } : {}),
    ...(opts.commit ? { commit: opts.commit } : {}),
  };
  const missing = (text: string): string | undefined => /\{(version|commit)\}/.exec(expandPlaceholders(text, values))?.[1];
  for (const [i, a] of ev.argv.entries()) {
    const m = missing(a);
    if (m) throw new UsageError('placeholder', [{ file: project.file, ...at('command', i), message: `{${m}} is unknown here (${m === 'commit' ? 'the project is not a git repository' : 'the project declares no version'})` }]);
  }
  const argv = ev.argv.map((a) => expandPlaceholders(a, values));
  const cwd = resolve(project.dir, expandPlaceholders(ev.cwd ?? '.', values));
  const escape = escapesRoots(cwd, [project.dir, runDir]);
  if (escape) throw new UsageError('cwd', [{ file: project.file, ...at('cwd'), message: `${cwd}: ${escape}; refused` }]);
  if (!existsSync(cwd) || !statSync(cwd).isDirectory()) {
    throw new UsageError('cwd', [{ file: project.file, ...at('cwd'), message: `${cwd}: no such folder` }]);
  }
  const evalEnv = Object.fromEntries(Object.entries(ev.env).map(([k, v]) => [k, expandPlaceholders(v, values)]));
  const childEnv: NodeJS.ProcessEnv = { ...withoutHubTokens(opts.env ?? process.env, project.doc), ...evalEnv, GREENLIGHT_RUN_ID: id, GREENLIGHT_RUN_DIR: runDir };
  const secrets = secretValues(childEnv);
  return {
    id,
    project,
    eval: ev,
    evalIndex,
    tier,
    runDir,
    logPath,
    argv,
    cwd,
    childEnv,
    storedEnv: redactEnv(Object.fromEntries(Object.entries(evalEnv).map(([k, v]) => [k, redactText(v, secrets)]))),
    storedCommand: argv.map((a) => redactText(a, secrets)),
    secrets,
    values,
    gpu: ev.gpu === 'none' ? null : String(ev.gpu),
  };
}

/** The inherited environment less the hub token variables: an eval never sees the publish token. */
function withoutHubTokens(env: NodeJS.ProcessEnv, doc: Record<string, unknown>): NodeJS.ProcessEnv {
  const publish = doc.publish && typeof doc.publish === 'object' ? (doc.publish as Record<string, unknown>) : {};
  const hub = publish.hub && typeof publish.hub === 'object' ? (publish.hub as Record<string, unknown>) : {};
  const out = { ...env };
  for (const k of hubTokenVariables(typeof hub.token_env === 'string' ? hub.token_env : null)) delete out[k];
  return out;
}

function code(err: unknown): string {
  return (err as NodeJS.ErrnoException | undefined)?.code ?? (err instanceof Error ? err.message : String(err));
}
