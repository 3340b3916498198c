// After `npm ci`: fetch Electron's binary best-effort (skipped by npm through allowScripts so
// that an offline or air-gapped install still succeeds), then build the app and CLI so that
// `./bin/greenlight` and `npm start` work at once.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const electronInstall = join(root, 'node_modules', 'electron', 'install.js');

if (process.env.GREENLIGHT_SKIP_ELECTRON_DOWNLOAD) {
  console.log('greenlight: GREENLIGHT_SKIP_ELECTRON_DOWNLOAD is set; not fetching the Electron binary.');
} else if (existsSync(electronInstall)) {
  const r = spawnSync(process.execPath, [electronInstall], { cwd: join(root, 'node_modules', 'electron'), stdio: 'pipe', timeout: 180_000, encoding: 'utf8' });
  if (r.status === 0 && existsSync(join(root, 'node_modules', 'electron', 'path.txt'))) {
    console.log('greenlight: Electron binary installed; `npm start` opens the desktop app.');
  } else {
    console.log(
      'greenlight: the Electron binary could not be downloaded (no network access to its release host?).\n' +
        '  Everything else works: `npm start` serves the browser console instead, and the CLI is unaffected.',
    );
  }
}

if (!process.env.GREENLIGHT_SKIP_BUILD) {
  const r = spawnSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error('greenlight: build failed; fix the error above, then run `npm run build`.');
    process.exit(r.status ?? 1);
  }
}
