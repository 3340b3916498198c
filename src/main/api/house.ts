/** Handlers for the house calls: app info, projects, runs list. */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { APP_VERSION } from '../version';
import { forgetProject, getListedProject, listProjects, upsertProject, type ProjectListRow } from '../store/projects';
import { listRuns } from '../store/runs';
import { getRunDetail } from '../store/run-detail';
import { readProjectName } from '../project/name';
import { PROJECT_FILE, projectFilePath } from '../project/read';
import { ApiFailure, type Handler } from './service';
import { describeFindings, initProject, type InitResult } from '../project/init';
import { UsageError, formatProblem } from '../../core/errors';
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
    // A folder without greenlight.yaml is not added as a broken project: the console offers
    // `greenlight init` instead (the problem's path tells it which file is missing).
    if (!existsSync(projectFilePath(path))) {
      throw new ApiFailure('invalid_input', `${path}: no ${PROJECT_FILE} here; make one with \`greenlight init ${path}\`, then open the folder again`, [
        { path: PROJECT_FILE, message: `not found in ${path}` },
      ]);
    }
    const { name } = readProjectName(path);
    const row = upsertProject(ctx.db, { name, path });
    const listed = getListedProject(ctx.db, row.id);
    if (!listed) throw new ApiFailure('not_found', `${path}: the project could not be stored`);
    return toProject(listed);
  }) satisfies Handler<'projects.open'>,

  'projects.init': (async (input, ctx) => {
    let r: InitResult;
    try {
      r = await initProject(input.path);
    } catch (err) {
      // The refusals are the CLI's own lines (not a folder, already there, not writable), shown inline.
      if (err instanceof UsageError && err.problems.length) throw new ApiFailure('invalid_input', err.problems.map(formatProblem).join('; '), err.problems);
      throw err;
    }
    const dir = resolve(input.path);
    const { name } = readProjectName(dir);
    const row = upsertProject(ctx.db, { name, path: dir });
    const listed = getListedProject(ctx.db, row.id);
    if (!listed) throw new ApiFailure('not_found', `${dir}: the project could not be stored`);
    return { project: toProject(listed), file: r.file, found: describeFindings(r.findings), problems: r.problems.map(formatProblem) };
  }) satisfies Handler<'projects.init'>,

  'projects.forget': ((input, ctx) => {
    if (!getListedProject(ctx.db, input.projectId)) throw new ApiFailure('not_found', `project ${input.projectId}: not found`);
    return { forgotten: forgetProject(ctx.db, input.projectId) };
  }) satisfies Handler<'projects.forget'>,

  'runs.list': ((input, ctx) => listRuns(ctx.db, input)) satisfies Handler<'runs.list'>,

  'runs.get': ((input, ctx) => getRunDetail(ctx.db, input.id)) satisfies Handler<'runs.get'>,
};
