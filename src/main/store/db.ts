/**
 * The store: one SQLite file in the data folder, WAL mode, migrations applied in order,
 * each in its own transaction and recorded with a hash. A database written by a newer
 * Greenlight (a migration id this code does not know) is refused, never downgraded.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrations as defaultMigrations, type Migration } from './migrations';

export type Db = Database.Database;

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationError';
  }
}

const hash = (sql: string): string => createHash('sha256').update(sql).digest('hex');

export interface OpenOptions {
  nativeBinding?: string;
  migrations?: Migration[];
  readonly?: boolean;
}

export function openDatabase(file: string, opts: OpenOptions = {}): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {});
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    migrate(db, opts.migrations ?? defaultMigrations, file);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

export function migrate(db: Db, migrations: Migration[], file = 'database'): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, hash TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = db.prepare('SELECT id, name, hash FROM schema_migrations ORDER BY id').all() as Array<{
    id: number;
    name: string;
    hash: string;
  }>;
  const known = new Map(migrations.map((m) => [m.id, m]));
  for (const row of applied) {
    const m = known.get(row.id);
    // An applied migration this version does not know (any id above its newest is one).
    if (!m) {
      throw new MigrationError(
        `${file} was written by a newer Greenlight (schema migration ${row.id} "${row.name}" is unknown to this version); upgrade Greenlight to open it`,
      );
    }
    if (hash(m.sql) !== row.hash) {
      throw new MigrationError(`${file}: schema migration ${row.id} "${row.name}" differs from the one applied; refusing to open`);
    }
  }
  const done = new Set(applied.map((r) => r.id));
  const record = db.prepare('INSERT INTO schema_migrations (id, name, hash, applied_at) VALUES (?, ?, ?, ?)');
  for (const m of [...migrations].sort((a, b) => a.id - b.id)) {
    if (done.has(m.id)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.id, m.name, hash(m.sql), new Date().toISOString());
    })();
  }
}
