/** `--project DIR`: a project folder (default the working directory), or a known project's name or id. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AppContext } from '../../context/context';
import { UsageError, formatProblem, type Problem } from '../../../core/errors';
import { listProjects } from '../../store/projects';
import { projectFilePath } from '../../project/read';

export function projectDir(ctx: AppContext | null, arg: string | undefined): string {
  const dir = resolve(arg ?? '.');
  if (existsSync(projectFilePath(dir))) return dir;
  if (arg && ctx) {
    const known = listProjects(ctx.db).find((p) => p.id === arg || p.name === arg);
    if (known) return known.path;
  }
  throw new UsageError('project', [
    { file: projectFilePath(dir), path: '', message: arg ? 'not found; --project names a folder holding greenlight.yaml (or a known project)' : 'not found; run from the project folder or pass --project DIR' },
  ]);
}

/** What the loader read but no section uses, one `greenlight: warning:` line each (the run goes on). */
export function warnProject(project: { warnings: Problem[] }): void {
  for (const w of project.warnings) process.stderr.write(`greenlight: warning: ${formatProblem(w)}\n`);
}
