/**
 * The store: one SQLite file in the data folder, WAL mode, migrations applied in order,
 * each in its own transaction and recorded with a hash. A database written by a newer
 * Greenlight (a migration id this code does not know) is refused, never downgraded.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { UsageError } from '../../core/errors';
import { migrations as defaultMigrations, type Migration } from './migrations';

export type Db = Database.Database;

/** A database this version must not open (newer, or changed): one line, exit 2, nothing written. */
export class MigrationError extends UsageError {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationError';
  }
}

/** The store cannot be opened or written (read-only or full data folder, not a database): one line, exit 2. */
export class StoreError extends UsageError {
  constructor(message: string) {
    super(message);
    this.name = 'StoreError';
  }
}

/** A SQLite or file-system failure opening the store, said in the user's words. */
export function storeFailure(file: string, err: unknown): StoreError | null {
  const code = (err as { code?: string }).code ?? '';
  const hint = 'set $GREENLIGHT_HOME to a writable folder, or fix the permissions of this one';
  if (/^SQLITE_(READONLY|CANTOPEN|PERM)/.test(code) || code === 'EACCES' || code === 'EROFS' || code === 'EPERM') {
    return new StoreError(`${file}: the data folder cannot be written (${code}); ${hint}`);
  }
  if (/^SQLITE_FULL/.test(code) || code === 'ENOSPC') return new StoreError(`${file}: the disk is full (${code}); free some space and try again`);
  if (/^SQLITE_(NOTADB|CORRUPT)/.test(code)) return new StoreError(`${file}: not a Greenlight database, or damaged (${code}); move it aside to start a new store`);
  if (/^SQLITE_(BUSY|LOCKED)/.test(code)) return new StoreError(`${file}: the store is locked by another Greenlight (${code}); try again when it is done`);
  if (/^SQLITE_IOERR/.test(code)) return new StoreError(`${file}: the store cannot be read or written (${code})`);
  return null;
}

const hash = (sql: string): string => createHash('sha256').update(sql).digest('hex');

export interface OpenOptions {
  nativeBinding?: string;
  migrations?: Migration[];
  readonly?: boolean;
}

export function openDatabase(file: string, opts: OpenOptions = {}): Db {
  try {
    return open(file, opts);
  } catch (err) {
    throw storeFailure(file, err) ?? err;
  }
}

function open(file: string, opts: OpenOptions): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {});
  try {
    // Before anything is written (WAL switches the file header): a newer database is refused untouched.
    refuseNewer(db, opts.migrations ?? defaultMigrations, file);
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

const newest = (migrations: Migration[]): number => migrations.reduce((m, x) => Math.max(m, x.id), 0);

/**
 * `PRAGMA user_version` holds the newest migration applied (set by `migrate`); a value above
 * this code's newest, or an applied migration it does not know, means a newer Greenlight.
 * Only reads: the file is not changed when it is refused.
 */
function refuseNewer(db: Db, migrations: Migration[], file: string): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > newest(migrations)) {
    throw new MigrationError(`${file} was written by a newer Greenlight (schema version ${version}; this version knows up to ${newest(migrations)}); upgrade Greenlight to open it`);
  }
  const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (hasTable) checkApplied(db, migrations, file);
}

function checkApplied(db: Db, migrations: Migration[], file: string): Array<{ id: number }> {
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
  return applied;
}

export function migrate(db: Db, migrations: Migration[], file = 'database'): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, hash TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = checkApplied(db, migrations, file);
  const done = new Set(applied.map((r) => r.id));
  const record = db.prepare('INSERT INTO schema_migrations (id, name, hash, applied_at) VALUES (?, ?, ?, ?)');
  for (const m of [...migrations].sort((a, b) => a.id - b.id)) {
    if (done.has(m.id)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.id, m.name, hash(m.sql), new Date().toISOString());
    })();
  }
  const top = newest(migrations);
  if ((db.pragma('user_version', { simple: true }) as number) !== top) db.pragma(`user_version = ${top}`);
}
