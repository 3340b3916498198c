/**
 * A file as it was at a git ref (`git show REF:path` through simple-git), for the scorecard
 * gate's `--baseline-ref`. The three outcomes stay apart, because seed 001 conflated them:
 * a ref that does not resolve is an error, not a first release; a file absent at the ref is
 * reported as such.
 */
import { basename, dirname, resolve } from 'node:path';
import { GitFailure, fileAtRef, isRepository, resolveCommit } from './repo';

export type ShowResult =
  | { status: 'ok'; text: string; commit: string }
  | { status: 'not-a-repository'; message: string }
  | { status: 'ref-not-found'; message: string }
  | { status: 'file-not-found'; commit: string; message: string };

/** `path` is a file in the working tree; it is looked up at `ref` relative to its own folder. */
export async function showAtRef(ref: string, path: string): Promise<ShowResult> {
  const abs = resolve(path);
  const dir = dirname(abs);
  if (!(await isRepository(dir))) return { status: 'not-a-repository', message: `${dir} is not inside a git repository` };
  let commit: string;
  try {
    commit = await resolveCommit(dir, ref);
  } catch (err) {
    return { status: 'ref-not-found', message: err instanceof GitFailure ? err.message : `${ref}: does not resolve` };
  }
  const text = await fileAtRef(dir, commit, `./${basename(abs)}`);
  if (text === null) return { status: 'file-not-found', commit, message: `${path} does not exist at ${ref} (${commit.slice(0, 12)})` };
  return { status: 'ok', text, commit };
}
