/**
 * The console's cold first paint (issue 14), in Debian's Chromium through Playwright: a fresh
 * browser context each time (empty cache), the page served by the real console server. First
 * contentful paint from the page's own performance entries; "projects list visible" is when
 * the first project card is in the DOM (a MutationObserver in the page, so Playwright's polling
 * adds nothing). The floor, measured in the same run: a static page with the same shell and
 * stylesheet and no script, from the same server. Needs `npm run build`.
 */
import { it } from 'vitest';
import { chromium } from '@playwright/test';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { closeContext, createContext } from '../src/main/context/context';
import { startConsoleServer } from '../src/main/web/server';
import { CHROMIUM_ARGS, ensureChromium } from '../e2e/chromium';
import { summaryRow } from './lib/summary';

const REPS = 11;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

it('console cold first contentful paint and projects list', { timeout: 10 * 60_000 }, async () => {
  const built = resolve(__dirname, '../out/renderer');
  if (!existsSync(join(built, 'index.html'))) throw new Error('out/renderer is missing: run npm run build first');
  const staticDir = mkdtempSync(join(tmpdir(), 'greenlight-bench-static-'));
  cpSync(built, staticDir, { recursive: true });
  const index = readFileSync(join(staticDir, 'index.html'), 'utf8');
  // The floor page: the same HTML shell and stylesheet, without the app's script.
  writeFileSync(join(staticDir, 'floor.html'), index.replace(/<script[^>]*><\/script>/g, '').replace(/<link rel="modulepreload"[^>]*>/g, ''));

  process.env.GREENLIGHT_HOME = mkdtempSync(join(tmpdir(), 'greenlight-bench-home-'));
  const ctx = createContext({ face: 'browser', seedExample: true });
  const srv = await startConsoleServer(ctx, { staticDir });
  const browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS });
  try {
    const measure = async (path: string, waitForCard: boolean): Promise<{ fcp: number; list: number | null; bytes: number }> => {
      const context = await browser.newContext();
      const page = await context.newPage();
      let bytes = 0;
      page.on('response', (r) => void r.body().then((b) => (bytes += b.length), () => {}));
      // In the page (a string: this file is compiled without the DOM types).
      await page.addInitScript({
        content: `new MutationObserver((_, obs) => {
          if (document.querySelector('.project-card')) { window.__listAt = performance.now(); obs.disconnect(); }
        }).observe(document, { childList: true, subtree: true });`,
      });
      // The token link sets the cookie and redirects; the measured load is the page after it.
      await page.goto(srv.url.replace('/?', `/${path}?`), { waitUntil: 'load' });
      if (waitForCard) await page.waitForSelector('.project-card', { timeout: 30_000 });
      else await page.waitForTimeout(50);
      const r = (await page.evaluate(`({
        fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
        list: window.__listAt ?? null,
        dcl: performance.getEntriesByType('navigation')[0]?.domContentLoadedEventEnd ?? NaN,
        api: performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/call/')).map((e) => e.name.split('/api/call/')[1] + ' ' + e.startTime.toFixed(0) + '–' + e.responseEnd.toFixed(0)),
      })`)) as { fcp: number; list: number | null; dcl: number; api: string[] };
      if (process.env.BENCH_VERBOSE) console.log(path || 'console', JSON.stringify(r));
      await context.close();
      return { fcp: r.fcp, list: r.list, bytes };
    };
    await measure('', true); // warm the server's memory and the OS caches once
    const app = { fcp: [] as number[], list: [] as number[], bytes: 0 };
    const floor: number[] = [];
    for (let i = 0; i < REPS; i++) {
      const f = await measure('floor.html', false);
      floor.push(f.fcp);
      const a = await measure('', true);
      app.fcp.push(a.fcp);
      app.list.push(a.list ?? NaN);
      app.bytes = a.bytes;
    }
    const fl = median(floor);
    const fcp = median(app.fcp);
    const list = median(app.list);
    console.log(`\nConsole cold load in Chromium (fresh context each time), median of ${REPS}; ${(app.bytes / 1024).toFixed(0)} kB over the wire`);
    console.log('| what | median ms | × floor | goal |');
    console.log('|---|---:|---:|---|');
    console.log(`| floor: static shell page, same server, no script (FCP) | ${fl.toFixed(0)} | 1.00 | |`);
    console.log(`| console first contentful paint | ${fcp.toFixed(0)} | ${(fcp / fl).toFixed(2)} | ≤ 300 ms ${fcp <= 300 ? '(met)' : '(NOT met)'} |`);
    console.log(`| console projects list visible | ${list.toFixed(0)} | ${(list / fl).toFixed(2)} | ≤ 500 ms ${list <= 500 ? '(met)' : '(NOT met)'} |`);
    const baseline = `static shell page's FCP at ${fl.toFixed(0)} ms`;
    summaryRow({ what: 'console, cold first contentful paint', measured: `${fcp.toFixed(0)} ms`, baseline, ratio: `${(fcp / fl).toFixed(2)}×`, goal: '≤ 300 ms', met: fcp <= 300 });
    summaryRow({ what: 'console, cold projects list visible', measured: `${list.toFixed(0)} ms`, baseline, ratio: `${(list / fl).toFixed(2)}×`, goal: '≤ 500 ms', met: list <= 500 });
  } finally {
    await browser.close();
    await srv.close();
    closeContext(ctx);
  }
});
