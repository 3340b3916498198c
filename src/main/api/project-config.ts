/**
 * The little the house needs from a project's `greenlight.yaml`: its name, and whether the
 * file parses. The full schema (gates, evals, releases, publish) lives with those rooms.
 */
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { readYamlFile } from '../fs/read-yaml';

export const POLICY_FILE = 'greenlight.yaml';

export function readProjectName(dir: string): { name: string; error: string | null } {
  const file = join(dir, POLICY_FILE);
  if (!existsSync(file)) return { name: basename(dir), error: null };
  const read = readYamlFile(file);
  if (!read.ok) return { name: basename(dir), error: read.message };
  const doc = read.value;
  const name = doc && typeof doc === 'object' && 'project' in doc ? (doc as { project: unknown }).project : undefined;
  return { name: typeof name === 'string' && name ? name : basename(dir), error: null };
}
