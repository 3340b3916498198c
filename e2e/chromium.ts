/**
 * Find a Chromium for the console tests: $GREENLIGHT_CHROMIUM, a Playwright-managed
 * browser, Debian's /usr/bin/chromium; on a Debian machine running as root without one,
 * install it with apt-get. Otherwise fail with one clear line.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const SYSTEM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

function findChromium(): string | undefined {
  const explicit = process.env.GREENLIGHT_CHROMIUM;
  if (explicit) {
    if (!existsSync(explicit)) throw new Error(`GREENLIGHT_CHROMIUM=${explicit}: no such file`);
    return explicit;
  }
  try {
    const managed = chromium.executablePath();
    if (managed && existsSync(managed)) return managed;
  } catch {
    // no Playwright-managed browser
  }
  return SYSTEM.find((p) => existsSync(p));
}

export function ensureChromium(): string {
  const found = findChromium();
  if (found) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (process.platform === 'linux' && isRoot && existsSync('/usr/bin/apt-get')) {
    process.stderr.write('e2e: no Chromium found; installing Debian\'s chromium with apt-get…\n');
    spawnSync('apt-get', ['update'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    const after = findChromium();
    if (after) return after;
  }
  throw new Error(
    'e2e: no Chromium available: set GREENLIGHT_CHROMIUM to a Chromium/Chrome binary, or install one (Debian: apt-get install chromium)',
  );
}

/** Flags for a closed network: no background connections that this machine refuses. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
