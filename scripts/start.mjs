// `npm start`: the desktop app when Electron's binary is installed, otherwise the browser
// console on loopback (same renderer, same services), with a sentence saying why.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'out', 'main', 'cli.js');
if (!existsSync(cli) || !existsSync(join(root, 'out', 'renderer', 'index.html'))) {
  console.error('greenlight: the app is not built; run `npm ci` (or `npm run build`) first.');
  process.exit(2);
}

function electronBinary() {
  const pathTxt = join(root, 'node_modules', 'electron', 'path.txt');
  if (!existsSync(pathTxt)) return undefined;
  const bin = join(root, 'node_modules', 'electron', 'dist', readFileSync(pathTxt, 'utf8').trim());
  return existsSync(bin) ? bin : undefined;
}

const bin = electronBinary();
// Signals reach the console: `npm start` runs this script through a shell (package.json execs
// so npm's SIGTERM arrives here), and should the parent still vanish without passing a signal
// on, the orphaned script notices and stops the console instead of leaving it running.
const forward = (child) => {
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 + (signal === 'SIGINT' ? 2 : signal === 'SIGHUP' ? 1 : 15) : 0)));
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) child.kill('SIGTERM');
  }, 500).unref();
};

if (bin && !process.env.GREENLIGHT_BROWSER_CONSOLE) {
  const nativeDir = join(root, 'native');
  if (!existsSync(nativeDir)) {
    console.log('greenlight: building the database module for Electron once (npm run rebuild:electron)…');
    const r = spawn(process.execPath, [join(root, 'scripts', 'rebuild-electron.mjs')], { stdio: 'inherit' });
    await new Promise((resolve) => r.on('exit', resolve));
  }
  forward(spawn(bin, [root], { stdio: 'inherit' }));
} else {
  const reason = bin
    ? 'GREENLIGHT_BROWSER_CONSOLE is set, so Greenlight runs as the browser console.'
    : 'The Electron binary is not installed on this machine (it could not be downloaded at install time), so Greenlight runs as the browser console: open the URL below in a browser.';
  const args = [cli, 'serve', '--reason', reason, ...process.argv.slice(2)];
  forward(spawn(process.execPath, args, { stdio: 'inherit' }));
}
