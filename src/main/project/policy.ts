/**
 * The gate policy `greenlight gate` applies: `--policy F`, else the project file in the
 * working directory (read by this room's loader), else the built-in seed-000 policy. A file
 * that cannot be read, is not YAML or fails the schema is a UsageError (exit 2) with one
 * `file: dotted.path: message` line each.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { readTextOrUsage } from '../fs/read';
import { UsageError } from '../../core/errors';
import { BUILTIN_POLICY } from '../../core/project/builtin-policy';
import type { PolicyFile } from '../../core/project/policy';
import { PROJECT_FILE, projectFilePath } from './file';

export interface LoadedPolicy {
  policy: PolicyFile;
  /** The file read, or `built-in`. */
  source: string;
}

export async function readPolicyFile(path: string, cwd = process.cwd()): Promise<PolicyFile> {
  const text = await readTextOrUsage(path, undefined, resolve(cwd, path));
  const { parsePolicyText } = await import('../../core/project/policy');
  const r = parsePolicyText(text, path);
  if (!r.ok) throw new UsageError(`${path}: invalid policy`, r.problems);
  return r.value;
}

export async function loadPolicy(path: string | undefined, cwd = process.cwd()): Promise<LoadedPolicy> {
  if (path !== undefined) return { policy: await readPolicyFile(path, cwd), source: path };
  // No project file (CI gating a report with the built-in policy): neither the YAML parser nor
  // the policy schema is loaded, and the built-in policy comes pre-validated (issue 14).
  if (existsSync(projectFilePath(cwd))) {
    const [{ readProjectDocument }, { parsePolicy }] = await Promise.all([import('./read'), import('../../core/project/policy')]);
    const project = readProjectDocument(cwd);
    // Named as the user knows it: `greenlight.yaml`, relative to where they stand.
    if (project.problem) throw new UsageError(`${PROJECT_FILE}: invalid policy`, [{ ...project.problem, file: PROJECT_FILE }]);
    const r = parsePolicy(project.doc, PROJECT_FILE, project.where);
    if (!r.ok) throw new UsageError(`${PROJECT_FILE}: invalid policy`, r.problems);
    return { policy: r.value, source: PROJECT_FILE };
  }
  return { policy: BUILTIN_POLICY as PolicyFile, source: 'built-in' };
}
