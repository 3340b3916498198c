/**
 * Reading the gate policy from disk: `--policy F`, else `greenlight.yaml` in the working
 * directory, else the built-in seed-000 policy. A file that cannot be read, is not YAML or
 * fails the schema is a UsageError (exit 2) with one `file: dotted.path: message` line each.
 */
import { existsSync } from 'node:fs';
import { readTextOrUsage } from '../fs/read';
import { join, resolve } from 'node:path';
import { UsageError } from '../../core/errors';
import { BUILTIN_POLICY, parsePolicyText, type PolicyFile } from '../../core/policy';

export interface LoadedPolicy {
  policy: PolicyFile;
  /** The file read, or `built-in`. */
  source: string;
}

export async function readPolicyFile(path: string, cwd = process.cwd()): Promise<PolicyFile> {
  const text = await readTextOrUsage(path, undefined, resolve(cwd, path));
  const r = parsePolicyText(text, path);
  if (!r.ok) throw new UsageError(`${path}: invalid policy`, r.problems);
  return r.value;
}

export async function loadPolicy(path: string | undefined, cwd = process.cwd()): Promise<LoadedPolicy> {
  if (path !== undefined) return { policy: await readPolicyFile(path, cwd), source: path };
  if (existsSync(join(cwd, 'greenlight.yaml'))) return { policy: await readPolicyFile('greenlight.yaml', cwd), source: 'greenlight.yaml' };
  return { policy: BUILTIN_POLICY as PolicyFile, source: 'built-in' };
}
