/**
 * Paths from a project's configuration stay inside the project or the run folder (SPEC §3),
 * on disk too: a path that reads as inside but reaches out through a symbolic link (or a
 * placeholder value such as a version with "..") is refused. `greenlight.yaml` is checked
 * lexically when it is parsed (`pathEscape`); this is the check at the moment of use.
 */
import { realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/** Whether `path` is `root` or inside it (a name such as `..foo` is inside). */
export function within(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/** The real path of `p`: symbolic links resolved, through the deepest ancestor that exists. */
export function realPathOf(p: string): string {
  let cur = resolve(p);
  const rest: string[] = [];
  for (;;) {
    try {
      return join(realpathSync.native(cur), ...rest);
    } catch {
      const parent = dirname(cur);
      if (parent === cur) return resolve(p);
      rest.unshift(basename(cur));
      cur = parent;
    }
  }
}

/** Why `path` is not inside one of `roots` (checked as written and with links resolved), or null. */
export function escapesRoots(path: string, roots: readonly string[]): string | null {
  const full = resolve(path);
  if (!roots.some((r) => within(full, resolve(r)))) return 'outside the project and the run folder';
  const real = realPathOf(full);
  if (!roots.some((r) => within(real, realPathOf(r)))) return `a symbolic link leads outside the project (to ${real})`;
  return null;
}
