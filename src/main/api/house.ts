/** Handlers for the house calls: app info, projects, runs list. */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { APP_VERSION } from '../version';
import { getListedProject, listProjects, upsertProject, type ProjectListRow } from '../store/projects';
import { listRuns } from '../store/runs';
import { getRunDetail } from '../store/run-detail';
import { readProjectName } from '../project/name';
import { ApiFailure, type Handler } from './service';
import type { Project } from '../../shared/schemas';

/** A project as the API shows it: the stored row with its latest run, and whether its config reads. */
export function toProject(row: ProjectListRow): Project {
  return {
    id: row.id,
    name: row.name,
    path: row.path,
    example: row.example === 1,
    addedAt: row.added_at,
    lastOpenedAt: row.last_opened_at,
    configError: readProjectName(row.path).error,
    latestRun:
      row.latest_id === null || row.latest_status === null
        ? null
        : { id: row.latest_id, status: row.latest_status, decision: row.latest_decision, version: row.latest_version },
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

  'projects.list': ((_input, ctx) => listProjects(ctx.db).map(toProject)) satisfies Handler<'projects.list'>,

  'projects.open': ((input, ctx) => {
    const path = resolve(input.path);
    if (!existsSync(path) || !statSync(path).isDirectory()) {
      throw new ApiFailure('invalid_input', `${path}: not a folder; choose the repository folder that holds greenlight.yaml`);
    }
    const { name } = readProjectName(path);
    const row = upsertProject(ctx.db, { name, path });
    const listed = getListedProject(ctx.db, row.id);
    if (!listed) throw new ApiFailure('not_found', `${path}: the project could not be stored`);
    return toProject(listed);
  }) satisfies Handler<'projects.open'>,

  'runs.list': ((input, ctx) => listRuns(ctx.db, input)) satisfies Handler<'runs.list'>,

  'runs.get': ((input, ctx) => getRunDetail(ctx.db, input.id)) satisfies Handler<'runs.get'>,
};
