/**
 * The console as engineers share it (issue 15): one sign and one unit language for numbers,
 * views that reopen from their URL, keyboard moves, up to eight runs side by side, and the
 * 800 px layouts of the gates and compare tables. Screenshots in light, dark and at 800 px.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test, expect, spawnCli, stopChild } from './fixtures';
import { openRunTab, runExampleToDecision, runIdOf, shot } from './console-helpers';
import type { Page } from '@playwright/test';

const ROOT = join(import.meta.dirname, '..');

/** No element of the page is wider than the window (a table that does not fit scrolls inside its own box). */
async function fitsWidth(page: Page, tables: string[]): Promise<void> {
  const overflow = (await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number;
  expect(overflow).toBeLessThanOrEqual(0);
  // The tables themselves fit: no column hidden behind a sideways scroll.
  for (const name of tables) {
    const box = page.getByRole('table', { name, exact: true });
    const [table, scroller] = await box.evaluate((t: { scrollWidth: number; parentElement: { clientWidth: number } | null }) => [t.scrollWidth, t.parentElement?.clientWidth ?? 0]);
    expect(table, `${name} is wider than its box at ${page.viewportSize()?.width} px`).toBeLessThanOrEqual(scroller + 1);
  }
}

test('numbers read the same on every tab, and the view reopens from its link', async ({ page, browser, console: c }, testInfo) => {
  await runExampleToDecision(page, 'ACCEPT');
  const first = runIdOf(page);

  // Scorecard: the regression gate's interval and note are Δ = candidate − baseline, never "drop".
  await openRunTab(page, 'Scorecard');
  const gates = page.getByRole('table', { name: 'Gates' });
  const regression = gates.getByRole('row').filter({ hasText: 'no_regression' });
  await expect(regression).toContainText(/Δ \[[−+]0\.\d+, [−+]0\.\d+\]/);
  await expect(regression).toContainText('(candidate − baseline)');
  await expect(gates).not.toContainText(/\bdrop [−-]?\d/);
  // The tier is part of the URL: a reload (or a pasted link) shows the same tier.
  await page.getByRole('radio', { name: 'future' }).check();
  await expect(page).toHaveURL(/\/scorecard\?tier=future$/);
  await page.reload();
  await expect(page.getByRole('radio', { name: 'future' })).toBeChecked();
  await shot(page, testInfo, '01-scorecard-tier-from-url');

  // Compare: the same result with the same sign; the cost in $, the aggregate out of 100.
  await openRunTab(page, 'Compare');
  const diff = page.getByRole('table', { name: 'Metric differences' });
  await expect(diff.getByRole('columnheader', { name: 'Δ', exact: true })).toBeVisible();
  const cost = diff.getByRole('row').filter({ hasText: 'cost_per_success_usd' });
  await expect(cost).toContainText('$0.');
  await expect(page.locator('.compare-sides')).toContainText(/aggregate [\d.]+\/100 → [\d.]+\/100 \(Δ [−+±]/);
  // The example's v0.2.0 card recorded no gate results: said once, not every gate as "— → pass".
  await expect(page.getByRole('note').filter({ hasText: 'recorded no gates, so there are no gate status changes to show' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Gate changes' })).toHaveCount(0);
  // Charts are pictures of the tables beside them: no tab stop with an unreadable name.
  expect(await page.locator('svg[tabindex], .recharts-wrapper [tabindex="0"]').count()).toBe(0);
  await shot(page, testInfo, '02-compare-previous-release');

  // A second run, then compare the two and keep both in the URL.
  await runExampleToDecision(page, 'ACCEPT');
  const second = runIdOf(page);
  await openRunTab(page, 'Compare');
  await page.getByLabel('Against').selectOption(first);
  await expect(page).toHaveURL(new RegExp(`/compare\\?against=${first}$`));
  await page.getByLabel('Add a run').selectOption(first);
  await expect(page).toHaveURL(new RegExp(`against=${first}&runs=${first}$`));
  const side = page.getByRole('table', { name: 'Runs side by side' });
  await expect(side.getByRole('columnheader')).toHaveText([/Metric/, new RegExp(`run ${second}`), new RegExp(`run ${first}`)]);
  await expect(page.getByRole('figure', { name: /Proportions of the runs side by side/ })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Against')).toHaveValue(first);
  await expect(side.getByRole('columnheader', { name: new RegExp(`run ${first}`) })).toBeVisible();
  await shot(page, testInfo, '03-compare-two-runs-light');

  // The same link pasted into another window (dark, 800 px) opens the same view, and it fits.
  const link = page.url();
  const dark = await browser.newContext({ colorScheme: 'dark', viewport: { width: 800, height: 900 } });
  const other = await dark.newPage();
  await other.goto(c.url); // the new window's session (the token URL `greenlight serve` printed)
  await other.goto(link);
  await expect(other.getByLabel('Against')).toHaveValue(first);
  await expect(other.getByRole('table', { name: 'Runs side by side' })).toBeVisible();
  await fitsWidth(other, ['Metric differences', 'Runs side by side']);
  await shot(other, testInfo, '04-compare-dark-800');
  await other.goto(link.replace(/\/compare\?.*$/, '/scorecard?tier=base'));
  await expect(other.getByRole('radio', { name: 'base' })).toBeChecked();
  await expect(other.getByRole('table', { name: 'Gates' })).toBeVisible();
  await fitsWidth(other, ['Gates']);
  await other.screenshot({ path: testInfo.outputPath('05-gates-dark-800.png') });
  await dark.close();
});

test('keyboard: / focuses search, j and k move through the runs, Enter opens one; filters live in the URL', async ({ page }, testInfo) => {
  await runExampleToDecision(page, 'ACCEPT');
  await runExampleToDecision(page, 'ACCEPT');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Runs' }).click();
  const table = page.getByRole('table', { name: 'Runs' });
  await expect(table.locator('[data-row-link]')).toHaveCount(2);
  await page.locator('main').focus();
  await page.keyboard.press('/');
  await expect(page.getByRole('searchbox', { name: 'Search' })).toBeFocused();
  await page.locator('main').focus();
  await page.keyboard.press('j');
  const links = table.locator('[data-row-link]');
  await expect(links.nth(0)).toBeFocused();
  await page.keyboard.press('j');
  await expect(links.nth(1)).toBeFocused();
  await page.keyboard.press('k');
  await expect(links.nth(0)).toBeFocused();
  const id = (await links.nth(0).textContent()) ?? '';
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`#/runs/${id}$`));

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Runs' }).click();
  await page.getByLabel('Status').selectOption('succeeded');
  await expect(page).toHaveURL(/#\/runs\?status=succeeded$/);
  await page.reload();
  await expect(page.getByLabel('Status')).toHaveValue('succeeded');
  await shot(page, testInfo, '01-runs-filtered-from-url');
});

test('the report travels: Download and `greenlight report` write one HTML file that opens from file:// with the network off', async ({ page, browser, console: c }, testInfo) => {
  await runExampleToDecision(page, 'ACCEPT');
  const id = runIdOf(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download report (HTML)' }).click()]);
  expect(download.suggestedFilename()).toBe(`greenlight-email-triage-v0.3.0-run-${id}.html`);
  const downloaded = testInfo.outputPath('downloaded-report.html');
  await download.saveAs(downloaded);

  // The CLI writes the same report for CI artefacts.
  const out = testInfo.outputPath('cli-report.html');
  const cli = spawnSync(process.execPath, [join(ROOT, 'out', 'main', 'cli.js'), 'report', '--run', id, '--out', out], { env: { ...process.env, GREENLIGHT_HOME: c.home }, encoding: 'utf8' });
  expect(cli.status, cli.stderr).toBe(0);
  const strip = (s: string): string => s.replace(/at \d{4}-\d\d-\d\dT[\d:.]+Z/, '');
  expect(strip(readFileSync(out, 'utf8'))).toBe(strip(readFileSync(downloaded, 'utf8')));

  for (const scheme of ['light', 'dark'] as const) {
    const offline = await browser.newContext({ colorScheme: scheme, offline: true, viewport: { width: scheme === 'dark' ? 800 : 1100, height: 900 } });
    const requests: string[] = [];
    offline.on('request', (r) => {
      if (!r.url().startsWith('file://')) requests.push(r.url());
    });
    await offline.route(/^(?!file:)/, (route) => route.abort());
    const p = await offline.newPage();
    const errors: string[] = [];
    p.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await p.goto(pathToFileURL(out).href);
    await expect(p.getByRole('heading', { level: 1 })).toContainText('email-triage · benchmark v0.3.0');
    await expect(p.locator('header .decision')).toHaveText('Decision: ACCEPT');
    const gates = p.getByRole('table', { name: 'Gates' });
    await expect(gates.getByRole('row').filter({ hasText: 'no_regression' })).toContainText(/Δ \[[−+]0\.\d+, [−+]0\.\d+\]/);
    await expect(gates.getByRole('row').filter({ hasText: 'task_pass_rate' })).toContainText(/\[0\.\d+, 0\.\d+\]/);
    await expect(p.getByRole('heading', { name: 'Comparison with the previous release' })).toBeVisible();
    await expect(p.getByRole('table', { name: 'Metric differences' }).getByRole('row').filter({ hasText: 'cost_per_success_usd' })).toContainText('$0.');
    await expect(p.getByText('email-triage-v0.2.0 recorded no gates')).toBeVisible();
    await expect(p.getByRole('heading', { name: 'Flipped items' })).toBeVisible();
    // Against a release card no item can be paired, and the report says why (issue 15), not "not recorded".
    await expect(p.getByText(/^The baseline is release 0\.2\.0 \(email-triage-v0\.2\.0\), a scorecard: a card keeps metrics, not per-item outcomes/)).toBeVisible();
    await expect(p.locator('svg[role="img"]')).toHaveCount(2);
    expect(await p.locator('script').count()).toBe(0);
    await p.screenshot({ path: testInfo.outputPath(`report-file-${scheme}.png`), fullPage: true });
    expect(requests).toEqual([]);
    expect(errors).toEqual([]);
    await offline.close();
  }
});

test('an old tab after a restart gets a page saying how to get back in; --keep keeps the link working', async ({ browser }, testInfo) => {
  const home = mkdtempSync(join(tmpdir(), 'greenlight-e2e-keep-'));
  const kept = await spawnCli(['serve', '--keep'], { GREENLIGHT_HOME: home }, /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/, 'serve --keep', 20_000);
  const context = await browser.newContext({ colorScheme: 'light' });
  const page = await context.newPage();
  await page.goto(kept.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Runs' }).click();
  await page.getByLabel('Status').selectOption('failed');
  const link = page.url();
  await stopChild(kept.process);
  // Restarted with --keep: same port, same token, the open tab and its view come back on reload.
  const again = await spawnCli(['serve', '--keep'], { GREENLIGHT_HOME: home }, /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/, 'serve --keep', 20_000);
  expect(again.url).toBe(kept.url);
  await page.reload();
  await expect(page.getByLabel('Status')).toHaveValue('failed');
  await stopChild(again.process);
  // Restarted without --keep on the same port: a new token, so the old tab's session is gone.
  const port = new URL(kept.url).port;
  const fresh = await spawnCli(['serve', '--port', port], { GREENLIGHT_HOME: home }, /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/, 'serve', 20_000);
  try {
    await page.reload(); // the old tab, reloaded after the restart
    await expect(page.getByRole('heading', { name: 'This tab lost its session with the Greenlight console' })).toBeVisible();
    await expect(page.getByText('greenlight serve --keep')).toBeVisible();
    await shot(page, testInfo, '01-lost-session-light');
    const dark = await browser.newContext({ colorScheme: 'dark', viewport: { width: 800, height: 700 } });
    const p = await dark.newPage();
    await p.goto(link);
    await expect(p.getByRole('heading', { name: /lost its session/ })).toBeVisible();
    await shot(p, testInfo, '02-lost-session-dark-800');
    await dark.close();
  } finally {
    await stopChild(fresh.process);
    await context.close();
  }
});
