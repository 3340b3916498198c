/**
 * A project as the runner needs it: its `greenlight.yaml` parsed, the evals and gate policy
 * validated (every problem with its dotted path, as a UsageError), the version being
 * evaluated, and the git commit it was measured on.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { simpleGit } from 'simple-git';
import { UsageError, type Problem } from '../../core/errors';
import { parseEvals, type EvalConfig } from '../../core/project/evals';
import { parsePolicy, type PolicyFile } from '../../core/policy';
import { parsePipeline, type PipelineConfig } from '../../core/project/pipeline';
import { stageOrder } from '../../core/pipeline/dag';
import { POLICY_FILE } from '../api/project-config';
import { escapesRoots } from '../artefacts/confine';

export interface LoadedProject {
  dir: string;
  file: string;
  name: string;
  agentName: string;
  doc: Record<string, unknown>;
  evals: EvalConfig[];
  policy: PolicyFile;
  version: string | null;
  /** `pipeline:` with its stages in run order; null when the project declares none. */
  pipeline: PipelineConfig | null;
}

function fail(problems: Problem[]): never {
  throw new UsageError(problems.map((p) => p.message).join('; '), problems);
}

export function loadProject(dirArg: string): LoadedProject {
  const dir = resolve(dirArg);
  const file = join(dir, POLICY_FILE);
  if (!existsSync(file)) fail([{ file, path: '', message: 'not found; a project folder holds greenlight.yaml (use --project DIR)' }]);
  let doc: unknown;
  try {
    doc = parseYaml(readFileSync(file, 'utf8'));
  } catch (err) {
    fail([{ file, path: '', message: `not valid YAML: ${err instanceof Error ? (err.message.split('\n')[0] ?? '') : String(err)}` }]);
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) fail([{ file, path: '', message: 'expected a mapping at the top level' }]);
  const record = doc as Record<string, unknown>;
  const evals = parseEvals(record, file);
  const policy = parsePolicy(record, file);
  const pipeline = evals.ok ? parsePipeline(record, evals.value, file) : { ok: true as const, value: null };
  const order = pipeline.ok && pipeline.value ? stageOrder(pipeline.value.stages, file) : null;
  const problems = [...(evals.ok ? [] : evals.problems), ...(policy.ok ? [] : policy.problems), ...(pipeline.ok ? [] : pipeline.problems), ...(order && !order.ok ? order.problems : [])];
  if (problems.length || !evals.ok || !policy.ok || !pipeline.ok) fail(problems);
  const name = typeof record.project === 'string' && record.project ? record.project : basename(dir);
  const agent = record.agent && typeof record.agent === 'object' ? (record.agent as Record<string, unknown>).name : undefined;
  return {
    dir,
    file,
    name,
    agentName: typeof agent === 'string' && agent ? agent : name,
    doc: record,
    evals: evals.value,
    policy: policy.value,
    version: readVersion(dir, record.version),
    pipeline: pipeline.value && order?.ok ? { ...pipeline.value, stages: order.value } : null,
  };
}

/** `version: {from: package.json} | {file: VERSION} | {value: X.Y.Z}`; null when unknown. */
export function readVersion(dir: string, spec: unknown): string | null {
  if (typeof spec === 'string' || typeof spec === 'number') return String(spec);
  if (!spec || typeof spec !== 'object') {
    return readJsonVersion(join(dir, 'package.json'));
  }
  const s = spec as Record<string, unknown>;
  if (typeof s.value === 'string' || typeof s.value === 'number') return String(s.value);
  // Read only inside the project (the release settings report a path that leaves it).
  if (typeof s.from === 'string') return escapesRoots(join(dir, s.from), [dir]) ? null : readJsonVersion(join(dir, s.from));
  if (typeof s.file === 'string') {
    if (escapesRoots(join(dir, s.file), [dir])) return null;
    try {
      return readFileSync(join(dir, s.file), 'utf8').trim() || null;
    } catch {
      return null;
    }
  }
  return null;
}

function readJsonVersion(file: string): string | null {
  try {
    const v = (JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown }).version;
    return typeof v === 'string' ? v : null;
  } catch {
    return null;
  }
}

/** The commit the run measures and whether the tree had uncommitted changes; nulls outside git. */
export async function gitState(dir: string): Promise<{ commit: string | null; dirty: boolean | null }> {
  try {
    const git = simpleGit({ baseDir: dir, timeout: { block: 10_000 } });
    if (!(await git.checkIsRepo())) return { commit: null, dirty: null };
    const commit = (await git.revparse(['HEAD'])).trim();
    const status = await git.status();
    return { commit: commit || null, dirty: !status.isClean() };
  } catch {
    return { commit: null, dirty: null };
  }
}
