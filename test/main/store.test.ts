import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { MigrationError, openDatabase } from '../../src/main/store/db';
import { migrations } from '../../src/main/store/migrations';
import { tempDir } from '../helpers/cli';

describe('store', () => {
  it('creates a WAL database with every migration recorded once', () => {
    const file = join(tempDir(), 'greenlight.db');
    const db = openDatabase(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const rows = db.prepare('SELECT id, hash FROM schema_migrations ORDER BY id').all() as Array<{ id: number }>;
    expect(rows.map((r) => r.id)).toEqual(migrations.map((m) => m.id).sort((a, b) => a - b));
    db.close();
    const again = openDatabase(file); // reopening applies nothing twice
    expect((again.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get() as { n: number }).n).toBe(migrations.length);
    again.close();
  });

  it('refuses a database written by a newer Greenlight, and leaves it untouched', () => {
    const file = join(tempDir(), 'greenlight.db');
    const newer = [...migrations, { id: 999, name: 'from the future', sql: 'CREATE TABLE future (x INTEGER);' }];
    openDatabase(file, { migrations: newer }).close();
    expect(() => openDatabase(file)).toThrow(MigrationError);
    expect(() => openDatabase(file)).toThrow(/newer Greenlight.*999/);
    const db = openDatabase(file, { migrations: newer });
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'future'").get()).toBeTruthy();
    db.close();
  });

  it('rolls a failing migration back whole', () => {
    const file = join(tempDir(), 'greenlight.db');
    const bad = [...migrations, { id: 1000, name: 'half', sql: 'CREATE TABLE half (x INTEGER); INSERT INTO nowhere VALUES (1);' }];
    expect(() => openDatabase(file, { migrations: bad })).toThrow();
    const db = openDatabase(file);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
    expect(db.prepare('SELECT id FROM schema_migrations WHERE id = 1000').get()).toBeUndefined();
    db.close();
  });

  it('refuses when a shipped migration was edited', () => {
    const file = join(tempDir(), 'greenlight.db');
    openDatabase(file).close();
    const edited = migrations.map((m, i) => (i === 0 ? { ...m, sql: `${m.sql}\n-- edited` } : m));
    expect(() => openDatabase(file, { migrations: edited })).toThrow(/differs/);
  });
});
