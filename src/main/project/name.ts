/**
 * The little the project list needs from a project's `greenlight.yaml`: its name, and
 * whether the file reads. The whole file is loaded by `load.ts`.
 */
import { basename } from 'node:path';
import { formatProblem } from '../../core/errors';
import { readProjectDocument } from './read';

export function readProjectName(dir: string): { name: string; error: string | null } {
  const { doc, problem } = readProjectDocument(dir);
  if (problem) return { name: basename(dir), error: formatProblem(problem) };
  const name = doc && typeof doc === 'object' && 'project' in doc ? (doc as { project: unknown }).project : undefined;
  return { name: typeof name === 'string' && name ? name : basename(dir), error: null };
}
