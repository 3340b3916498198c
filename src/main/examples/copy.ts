/**
 * The first start adds the bundled example project so a newcomer sees something real at
 * once. It is copied into the data folder (the install may be read-only, and runs and
 * publishes write into the project).
 */
import { cpSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AppContext } from '../context/context';
import { upsertProject } from '../store/projects';
import { readProjectName } from '../project/name';

export function ensureExampleProject(ctx: AppContext): void {
  const already = ctx.db.prepare('SELECT COUNT(*) AS n FROM projects WHERE example = 1').get() as { n: number };
  if (already.n > 0) return;
  const src = join(ctx.root, 'resources', 'examples');
  if (!existsSync(src)) return;
  for (const name of readdirSync(src)) {
    const from = join(src, name);
    const to = join(ctx.dataDir, 'examples', name);
    if (!existsSync(to)) cpSync(from, to, { recursive: true });
    for (const hook of exampleHooks) hook(to);
    upsertProject(ctx.db, { name: readProjectName(to).name, path: to, example: true });
  }
}

/** Rooms that need the example prepared (e.g. a git repository with a first release) add a hook. */
const exampleHooks: Array<(dir: string) => void> = [];
export function onExampleCopied(hook: (dir: string) => void): void {
  exampleHooks.push(hook);
}
