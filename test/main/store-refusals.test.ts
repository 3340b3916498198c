/**
 * A store that cannot be opened (issue 12): a read-only data folder, a database from a newer
 * Greenlight (by its migrations or by `PRAGMA user_version`) — each is one clear line from
 * the CLI, exit 2, no stack, and the file is left byte for byte as it was.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { runCli, tempDir } from '../helpers/cli';
import { openDatabase } from '../../src/main/store/db';

const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');
const oneLine = (r: { code: number; stderr: string }) => {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1);
  expect(r.stderr).not.toMatch(/internal error|\n\s+at |SqliteError/);
};

/** A real read-only file system (a tmpfs remounted ro) when this process may mount; root usually may here. */
function canMount(): boolean {
  if (process.getuid?.() !== 0) return false;
  const d = tempDir('greenlight-mnt-probe-');
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', d], { stdio: 'ignore' });
    execFileSync('umount', [d], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const mounts: string[] = [];
afterAll(() => {
  for (const m of mounts) {
    try {
      execFileSync('umount', [m], { stdio: 'ignore' });
    } catch {
      // already gone
    }
  }
});

describe('store refusals', () => {
  it('a database with a migration this version does not know: one line, exit 2, file unchanged', () => {
    const home = tempDir('greenlight-home-');
    openDatabase(join(home, 'greenlight.db')).close();
    const db = new Database(join(home, 'greenlight.db'));
    db.prepare("INSERT INTO schema_migrations (id, name, hash, applied_at) VALUES (999, 'from the future', 'x', 'now')").run();
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const before = sha(join(home, 'greenlight.db'));
    const r = runCli(['runs', 'list'], { env: { GREENLIGHT_HOME: home } });
    oneLine(r);
    expect(r.stderr).toMatch(/written by a newer Greenlight \(schema migration 999 "from the future"/);
    expect(sha(join(home, 'greenlight.db'))).toBe(before);
  });

  it('PRAGMA user_version above this version is refused before anything is written', () => {
    const home = tempDir('greenlight-home-');
    const db = new Database(join(home, 'greenlight.db'));
    db.pragma('user_version = 4242');
    db.exec('CREATE TABLE t (x)');
    db.close();
    const before = sha(join(home, 'greenlight.db'));
    const r = runCli(['runs', 'list'], { env: { GREENLIGHT_HOME: home } });
    oneLine(r);
    expect(r.stderr).toMatch(/newer Greenlight \(schema version 4242/);
    expect(sha(join(home, 'greenlight.db'))).toBe(before);
    expect(readdirSync(home).sort()).toEqual(['greenlight.db']);
    // And a store this version made records its version there.
    const mine = tempDir('greenlight-home-');
    openDatabase(join(mine, 'greenlight.db')).close();
    const d2 = new Database(join(mine, 'greenlight.db'), { readonly: true });
    expect(d2.pragma('user_version', { simple: true })).toBeGreaterThan(0);
    d2.close();
  });

  it.skipIf(!canMount())('a read-only data folder: one line naming it, exit 2, nothing written', () => {
    const home = tempDir('greenlight-ro-');
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', home]);
    mounts.push(home);
    openDatabase(join(home, 'greenlight.db')).close();
    const files = readdirSync(home).sort();
    const before = sha(join(home, 'greenlight.db'));
    execFileSync('mount', ['-o', 'remount,ro', home]);
    const r = runCli(['runs', 'list'], { env: { GREENLIGHT_HOME: home } });
    oneLine(r);
    expect(r.stderr).toMatch(/greenlight\.db: the data folder cannot be written \(SQLITE_\w+\); set \$GREENLIGHT_HOME to a writable folder/);
    expect(sha(join(home, 'greenlight.db'))).toBe(before);
    expect(readdirSync(home).sort()).toEqual(files);
    // An empty read-only folder (no store yet) says the same.
    const empty = join(tempDir('greenlight-ro2-'), 'm');
    mkdirSync(empty);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m,ro', 'tmpfs', empty]);
    mounts.push(empty);
    const r2 = runCli(['runs', 'list'], { env: { GREENLIGHT_HOME: join(empty, 'home') } });
    oneLine(r2);
    expect(r2.stderr).toMatch(/home: the data folder cannot be created \((EROFS|ENOENT)\); set \$GREENLIGHT_HOME/);
    expect(existsSync(join(empty, 'home'))).toBe(false);
  });
});
