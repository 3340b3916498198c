/**
 * A file as it was at a git ref (`git show REF:path` through simple-git), for the scorecard
 * gate's `--baseline-ref`. The three outcomes stay apart, because seed 001 conflated them:
 * a ref that does not resolve is an error, not a first release; a file absent at the ref is
 * reported as such.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, relative, resolve, sep } from 'node:path';
import { GitFailure, fileAtRef, isRepository, resolveCommit } from './repo';

export type ShowResult =
  | { status: 'ok'; text: string; commit: string }
  | { status: 'not-a-repository'; message: string }
  | { status: 'ref-not-found'; message: string }
  | { status: 'file-not-found'; commit: string; message: string };

/**
 * `path` is where the file is (or was) in the working tree; it is looked up at `ref` relative
 * to the repository, found from the nearest folder on the path that still exists: a card
 * that has since moved (its folder gone) is still read where it was at the ref.
 */
export async function showAtRef(ref: string, path: string): Promise<ShowResult> {
  const abs = resolve(path);
  let dir = dirname(abs);
  while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
  if (!(await isRepository(dir))) return { status: 'not-a-repository', message: `${dirname(abs)} is not inside a git repository` };
  let commit: string;
  try {
    commit = await resolveCommit(dir, ref);
  } catch (err) {
    return { status: 'ref-not-found', message: err instanceof GitFailure ? err.message : `${ref}: does not resolve` };
  }
  // Relative to the existing folder git runs in: "./sub/dir/SCORECARD.md" names the same path at the ref.
  const rel = relative(dir, abs).split(sep).join('/');
  const text = await fileAtRef(dir, commit, `./${rel || basename(abs)}`);
  if (text === null) return { status: 'file-not-found', commit, message: `${path} does not exist at ${ref} (${commit.slice(0, 12)})` };
  return { status: 'ok', text, commit };
}
