/**
 * Each test gets its own data folder and its own `greenlight serve`, started as a real
 * child process exactly as a user starts it, and a page already holding the session.
 */
import { test as base, chromium, type Browser, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS } from './chromium';

const ROOT = join(import.meta.dirname, '..');

export interface Console {
  url: string;
  origin: string;
  token: string;
  home: string;
  process: ChildProcess;
  output: () => string;
}

/** A `greenlight` CLI child process that prints its URL once it listens. */
export interface CliChild {
  url: string;
  process: ChildProcess;
  output: () => string;
}

/** Start `node out/main/cli.js <args>` and wait until `pattern` (group 1: the URL) appears on stdout. */
export async function spawnCli(args: string[], env: Record<string, string>, pattern: RegExp, what: string, timeoutMs: number): Promise<CliChild> {
  const child = spawn(process.execPath, [join(ROOT, 'out', 'main', 'cli.js'), ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} printed no URL:\n${out}`)), timeoutMs);
    const check = (): void => {
      const m = pattern.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout.on('data', check);
    child.once('exit', (code) => reject(new Error(`${what} exited ${code}:\n${out}`)));
  });
  return { url, process: child, output: () => out };
}

/** SIGTERM, then SIGKILL after 5 s; resolves once the child has exited. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
  });
}

export async function startConsole(env: Record<string, string> = {}, home = mkdtempSync(join(tmpdir(), 'greenlight-e2e-'))): Promise<Console> {
  const { url, process: child, output } = await spawnCli(['serve', '--port', '0'], { GREENLIGHT_HOME: home, ...env }, /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/, 'greenlight serve', 20_000);
  const u = new URL(url);
  return { url, origin: u.origin, token: u.searchParams.get('token') ?? '', home, process: child, output };
}

export async function stopConsole(c: Console): Promise<void> {
  await stopChild(c.process);
}

export const test = base.extend<{ console: Console; page: Page }, { browser: Browser }>({
  browser: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const browser = await chromium.launch({ executablePath: process.env.GREENLIGHT_CHROMIUM_RESOLVED, args: CHROMIUM_ARGS });
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],
  // eslint-disable-next-line no-empty-pattern
  console: async ({}, use) => {
    const c = await startConsole();
    await use(c);
    await stopConsole(c);
  },
  page: async ({ browser, console: c }, use, testInfo) => {
    const context = await browser.newContext({ colorScheme: 'light' });
    const page = await context.newPage();
    await page.goto(c.url);
    await use(page);
    await page.screenshot({ path: testInfo.outputPath('final.png'), fullPage: true }).catch(() => {});
    await context.close();
  },
});

export { expect } from '@playwright/test';
