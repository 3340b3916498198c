/** The project a release command works on: a folder, registered in the store when new. */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../../core/errors';
import { readProjectName } from './name';
import { getProjectByPath, upsertProject, type ProjectRow } from '../store/projects';
import type { Db } from '../store/db';

export function projectAt(db: Db, dir: string | undefined): ProjectRow {
  const path = resolve(dir ?? process.cwd());
  if (!existsSync(path) || !statSync(path).isDirectory()) throw new UsageError(`${path}: not a folder (--project)`);
  return getProjectByPath(db, path) ?? upsertProject(db, { name: readProjectName(path).name, path });
}
