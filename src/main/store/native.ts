/**
 * better-sqlite3 is a native addon, and Node and Electron have different ABIs. `npm ci`
 * compiles it for Node (the CLI, the tests, the browser console). For the desktop app,
 * `npm run rebuild:electron` compiles a second copy for Electron into
 * `native/electron-<abi>/better_sqlite3.node`, and this module points better-sqlite3 at it
 * through its `nativeBinding` option when running inside Electron. Neither face breaks the other.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export function electronNativeBindingPath(appRoot: string): string | undefined {
  if (!process.versions.electron) return undefined;
  const candidate = join(appRoot, 'native', `electron-${process.versions.modules}`, 'better_sqlite3.node');
  return existsSync(candidate) ? candidate : undefined;
}
