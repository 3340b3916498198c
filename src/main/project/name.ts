/**
 * The little the project list needs from a project's `greenlight.yaml`: its name, and
 * whether the file reads. The whole file is loaded by `load.ts`.
 *
 * The console asks at every projects.list, which is what its first screen waits on; parsing
 * each project's YAML there cost 5–70 ms per project (issue 14). The answer is kept per folder
 * with the file's identity (inode, size, mtime, ctime, all from one stat): an edit, a
 * replacement or a removal changes it, and the file is read again. As git does for "racily
 * clean" files, a file changed in the last two seconds is not kept: file times are coarse
 * (a kernel tick), so two same-size writes that close together could share all four.
 */
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { formatProblem } from '../../core/errors';
import { projectFilePath } from './file';
import { readProjectDocument } from './read';

export interface ProjectName {
  name: string;
  error: string | null;
}

const MAX_KEPT = 256;
const RACY_MS = 2000;
const kept = new Map<string, { identity: string; answer: ProjectName }>();

function identityOf(dir: string): string | null {
  try {
    const s = statSync(projectFilePath(dir), { bigint: true });
    // Only a regular file is kept: anything else goes through the reader, which refuses it.
    if (!s.isFile()) return null;
    const newest = s.mtimeMs > s.ctimeMs ? s.mtimeMs : s.ctimeMs;
    if (Date.now() - Number(newest) < RACY_MS) return null;
    return `${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;
  } catch {
    return null;
  }
}

function readName(dir: string): ProjectName {
  const { doc, problem } = readProjectDocument(dir);
  if (problem) return { name: basename(dir), error: formatProblem(problem) };
  const name = doc && typeof doc === 'object' && 'project' in doc ? (doc as { project: unknown }).project : undefined;
  return { name: typeof name === 'string' && name ? name : basename(dir), error: null };
}

export function readProjectName(dir: string): ProjectName {
  // The identity is taken before the read: a change during the read shows at the next call.
  const identity = identityOf(dir);
  const hit = kept.get(dir);
  if (identity !== null && hit?.identity === identity) return { ...hit.answer };
  const answer = readName(dir);
  if (identity === null) kept.delete(dir);
  else {
    kept.delete(dir);
    kept.set(dir, { identity, answer });
    if (kept.size > MAX_KEPT) kept.delete(kept.keys().next().value as string);
  }
  return { ...answer };
}
