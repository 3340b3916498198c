/** Queries on the projects table. */
import { randomUUID } from 'node:crypto';
import type { Db } from './db';
import type { DecisionName, RunStatus } from '../../shared/schemas';

export interface ProjectRow {
  id: string;
  name: string;
  path: string;
  example: number;
  added_at: string;
  last_opened_at: string | null;
}

/** A project with its latest run (null columns when it has none). */
export interface ProjectListRow extends ProjectRow {
  latest_id: string | null;
  latest_status: RunStatus | null;
  latest_decision: DecisionName | null;
  latest_version: string | null;
}

// One correlated subquery per project picks its latest run (the runs_project index serves it).
const LIST_SELECT = `SELECT p.*, lr.id AS latest_id, lr.status AS latest_status, lr.decision AS latest_decision, lr.version AS latest_version
  FROM projects p LEFT JOIN runs lr ON lr.id = (SELECT id FROM runs WHERE project_id = p.id ORDER BY created_at DESC, id DESC LIMIT 1)`;

export function listProjects(db: Db): ProjectListRow[] {
  return db.prepare(`${LIST_SELECT} WHERE p.forgotten_at IS NULL ORDER BY COALESCE(p.last_opened_at, p.added_at) DESC, p.name`).all() as ProjectListRow[];
}

/** One project as projects.list shows it (with its latest run). */
export function getListedProject(db: Db, id: string): ProjectListRow | undefined {
  return db.prepare(`${LIST_SELECT} WHERE p.id = ?`).get(id) as ProjectListRow | undefined;
}

export function getProject(db: Db, id: string): ProjectRow | undefined {
  return db.prepare('SELECT * FROM projects WHERE id = ?').get(id) as ProjectRow | undefined;
}

export function getProjectByPath(db: Db, path: string): ProjectRow | undefined {
  return db.prepare('SELECT * FROM projects WHERE path = ?').get(path) as ProjectRow | undefined;
}

/** Add a project, or mark an existing one opened now. */
export function upsertProject(db: Db, p: { name: string; path: string; example?: boolean }, now = new Date()): ProjectRow {
  const at = now.toISOString();
  const existing = getProjectByPath(db, p.path);
  if (existing) {
    // Opening a forgotten project's folder again lists it again, with its runs.
    db.prepare('UPDATE projects SET last_opened_at = ?, name = ?, forgotten_at = NULL WHERE id = ?').run(at, p.name, existing.id);
    return { ...existing, name: p.name, last_opened_at: at };
  }
  const row: ProjectRow = {
    id: randomUUID(),
    name: p.name,
    path: p.path,
    example: p.example ? 1 : 0,
    added_at: at,
    last_opened_at: p.example ? null : at,
  };
  db.prepare(
    'INSERT INTO projects (id, name, path, example, added_at, last_opened_at) VALUES (@id, @name, @path, @example, @added_at, @last_opened_at)',
  ).run(row);
  return row;
}

/** Take a project off the list (runs, logs and the folder are left alone). False when there is no such project. */
export function forgetProject(db: Db, id: string, now = new Date()): boolean {
  return db.prepare('UPDATE projects SET forgotten_at = ? WHERE id = ? AND forgotten_at IS NULL').run(now.toISOString(), id).changes > 0;
}
