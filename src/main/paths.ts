/**
 * Where Greenlight keeps its data: `$GREENLIGHT_HOME` when set (tests, CI, several
 * installs side by side), else Electron's userData (passed in by the app), else the
 * platform's data folder. The database, run logs and artefact copies all live under it.
 */
import { homedir, platform } from 'node:os';
import { join, resolve } from 'node:path';
import { existsSync } from 'node:fs';

export function platformDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const home = homedir();
  switch (platform()) {
    case 'darwin':
      return join(home, 'Library', 'Application Support', 'Greenlight');
    case 'win32':
      return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Greenlight');
    default:
      return join(env.XDG_DATA_HOME ?? join(home, '.local', 'share'), 'greenlight');
  }
}

export function resolveDataDir(opts: { electronUserData?: string; env?: NodeJS.ProcessEnv } = {}): string {
  const env = opts.env ?? process.env;
  if (env.GREENLIGHT_HOME) return resolve(env.GREENLIGHT_HOME);
  if (opts.electronUserData) return opts.electronUserData;
  return platformDataDir(env);
}

export const databasePath = (dataDir: string): string => join(dataDir, 'greenlight.db');
export const runsDir = (dataDir: string): string => join(dataDir, 'runs');

/**
 * The application root (where `resources/` and `out/` live). Built files sit in
 * `<root>/out/main/`, so two levels up; in tests running from source, walk up until found.
 */
export function appRoot(fromDir: string = __dirname): string {
  let dir = fromDir;
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'resources'))) return dir;
    dir = resolve(dir, '..');
  }
  return resolve(fromDir, '..', '..');
}

