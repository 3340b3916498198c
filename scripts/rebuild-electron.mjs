// Build better-sqlite3 a second time, for Electron's ABI, into native/electron-<abi>/.
// The Node build in node_modules stays as it is (CLI, tests, browser console); the app
// points better-sqlite3 at this copy through its `nativeBinding` option (src/main/store/native.ts).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const electronPkg = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8'));
const abiFile = join(root, 'node_modules', 'electron', 'abi_version');
const abi = existsSync(abiFile) ? readFileSync(abiFile, 'utf8').trim() : undefined;
if (!abi) {
  console.error('rebuild:electron: cannot tell Electron\'s ABI (node_modules/electron/abi_version missing)');
  process.exit(2);
}

const work = mkdtempSync(join(tmpdir(), 'greenlight-sqlite-electron-'));
const src = join(root, 'node_modules', 'better-sqlite3');
cpSync(src, work, { recursive: true, filter: (p) => !p.includes(`${join('better-sqlite3', 'build')}`) });
// npm ships node-gyp and tells scripts where (npm_config_node_gyp); else a local or npx copy.
const gyp = [process.env.npm_config_node_gyp, join(root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js')].find((p) => p && existsSync(p));
const gypBin = gyp ? [process.execPath, gyp] : ['npx', '--yes', 'node-gyp'];
// A machine-wide `nodedir` (Node's own headers) would silently build for Node's ABI: drop it.
const env = { ...process.env };
for (const k of Object.keys(env)) if (k.toLowerCase() === 'npm_config_nodedir') delete env[k];
const r = spawnSync(gypBin[0], [...gypBin.slice(1), 'rebuild', '--release', `--target=${electronPkg.version}`, '--arch=' + process.arch, '--dist-url=https://electronjs.org/headers'], {
  cwd: work,
  stdio: 'inherit',
  env,
});
if (r.status !== 0) {
  console.error('rebuild:electron: node-gyp failed (it needs Electron\'s headers from the network once); the browser console and CLI are unaffected.');
  rmSync(work, { recursive: true, force: true });
  process.exit(1);
}
const out = join(root, 'native', `electron-${abi}`);
mkdirSync(out, { recursive: true });
cpSync(join(work, 'build', 'Release', 'better_sqlite3.node'), join(out, 'better_sqlite3.node'));
rmSync(work, { recursive: true, force: true });
console.log(`rebuild:electron: better-sqlite3 built for Electron ${electronPkg.version} (ABI ${abi}) in ${out}`);
