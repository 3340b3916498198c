/** Queries on the projects table. */
import { randomUUID } from 'node:crypto';
import type { Db } from './db';

export interface ProjectRow {
  id: string;
  name: string;
  path: string;
  example: number;
  added_at: string;
  last_opened_at: string | null;
}

export function listProjects(db: Db): ProjectRow[] {
  return db
    .prepare('SELECT * FROM projects ORDER BY COALESCE(last_opened_at, added_at) DESC, name')
    .all() as ProjectRow[];
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
    db.prepare('UPDATE projects SET last_opened_at = ?, name = ? WHERE id = ?').run(at, p.name, existing.id);
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
