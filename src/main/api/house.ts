/** Handlers for the house calls: app info, projects, runs list. */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { APP_VERSION } from '../version';
import { getProject, listProjects, upsertProject, type ProjectRow } from '../store/projects';
import { listRuns } from '../store/runs';
import { getRunDetail } from '../store/run-detail';
import { readProjectName } from './project-config';
import { ApiFailure, type Handler } from './service';
import type { AppContext } from './context';
import type { Project } from '../../shared/schemas';

function toProject(ctx: AppContext, row: ProjectRow): Project {
  const latest = ctx.db
    .prepare('SELECT id, status, decision, version FROM runs WHERE project_id = ? ORDER BY created_at DESC, id DESC LIMIT 1')
    .get(row.id) as Project['latestRun'] | undefined;
  return {
    id: row.id,
    name: row.name,
    path: row.path,
    example: row.example === 1,
    addedAt: row.added_at,
    lastOpenedAt: row.last_opened_at,
    configError: readProjectName(row.path).error,
    latestRun: latest ?? null,
  };
}

export const houseServices = {
  'app.info': ((_input, ctx) => ({
    name: 'Greenlight' as const,
    version: APP_VERSION,
    dataDir: ctx.dataDir,
    electron: Boolean(process.versions.electron),
    face: ctx.face === 'desktop' ? ('desktop' as const) : ('browser' as const),
    platform: process.platform,
  })) satisfies Handler<'app.info'>,

  'projects.list': ((_input, ctx) => listProjects(ctx.db).map((r) => toProject(ctx, r))) satisfies Handler<'projects.list'>,

  'projects.open': ((input, ctx) => {
    const path = resolve(input.path);
    if (!existsSync(path) || !statSync(path).isDirectory()) {
      throw new ApiFailure('invalid_input', `${path}: not a folder; choose the repository folder that holds greenlight.yaml`);
    }
    const { name } = readProjectName(path);
    const row = upsertProject(ctx.db, { name, path });
    return toProject(ctx, getProject(ctx.db, row.id) ?? row);
  }) satisfies Handler<'projects.open'>,

  'runs.list': ((input, ctx) => listRuns(ctx.db, input)) satisfies Handler<'runs.list'>,

  'runs.get': ((input, ctx) => getRunDetail(ctx.db, input.id)) satisfies Handler<'runs.get'>,
};
