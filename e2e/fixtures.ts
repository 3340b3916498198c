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

export const ROOT = join(import.meta.dirname, '..');

export interface Console {
  url: string;
  origin: string;
  token: string;
  home: string;
  process: ChildProcess;
  output: () => string;
}

export async function startConsole(env: Record<string, string> = {}, home = mkdtempSync(join(tmpdir(), 'greenlight-e2e-'))): Promise<Console> {
  const child = spawn(process.execPath, [join(ROOT, 'out', 'main', 'cli.js'), 'serve', '--port', '0'], {
    env: { ...process.env, GREENLIGHT_HOME: home, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`greenlight serve printed no URL:\n${out}`)), 20_000);
    const check = (): void => {
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout.on('data', check);
    child.once('exit', (code) => reject(new Error(`greenlight serve exited ${code}:\n${out}`)));
  });
  const u = new URL(url);
  return { url, origin: u.origin, token: u.searchParams.get('token') ?? '', home, process: child, output: () => out };
}

export async function stopConsole(c: Console): Promise<void> {
  if (c.process.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    c.process.once('exit', () => resolve());
    c.process.kill('SIGTERM');
    setTimeout(() => c.process.kill('SIGKILL'), 5_000).unref();
  });
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
