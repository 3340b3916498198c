/**
 * The run history at a real size: 10,000 runs in the store, listed, filtered and scrolled in
 * Chromium with only the visible rows in the page; and the console can be driven by keyboard.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { test, expect } from './fixtures';
import { shot } from './console-helpers';

const STATUSES = ['succeeded', 'failed', 'cancelled', 'succeeded', 'imported'] as const;
const DECISIONS = ['ACCEPT', 'REGRESSION', null, 'ACCEPT', 'ANOMALOUS'] as const;

function seedRuns(home: string, count: number): void {
  const db = new Database(join(home, 'greenlight.db'));
  try {
    const project = db.prepare('SELECT id FROM projects WHERE example = 1').get() as { id: string };
    const insert = db.prepare(
      'INSERT INTO runs (id, project_id, eval, version, status, decision, started_at, ended_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const t0 = Date.parse('2026-01-01T00:00:00Z');
    db.transaction(() => {
      for (let i = 0; i < count; i++) {
        const at = new Date(t0 + i * 60_000).toISOString();
        const k = i % STATUSES.length;
        insert.run(`seed-${String(i).padStart(5, '0')}`, project.id, 'benchmark', `0.${Math.floor(i / 1000)}.${i % 10}`, STATUSES[k], DECISIONS[k], at, at, at);
      }
    })();
  } finally {
    db.close();
  }
}

test('10,000 runs: the history scrolls to the oldest with only the visible rows in the page, and filters answer', async ({ page, console: c }, testInfo) => {
  seedRuns(c.home, 10_000);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Runs' }).click();
  await expect(page.getByText('10,000 runs')).toBeVisible();
  const table = page.getByRole('table', { name: 'Runs' });
  await expect(table).toHaveAttribute('aria-rowcount', '10001');
  await expect(table.getByRole('link', { name: 'seed-09999' })).toBeVisible();
  // Virtualised: a handful of rows exist, not ten thousand.
  expect(await table.getByRole('row').count()).toBeLessThan(80);
  await shot(page, testInfo, '01-history-top');

  // Scroll to the very end: the oldest run arrives (its page fetched on demand).
  await page.locator('.run-table-body').evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect(table.getByRole('link', { name: 'seed-00000' })).toBeVisible();
  expect(await table.getByRole('row').count()).toBeLessThan(80);
  await shot(page, testInfo, '02-history-bottom');

  // Filters run on the store: ANOMALOUS is one run in five.
  await page.getByLabel('Decision').selectOption('ANOMALOUS');
  await expect(page.getByText('2,000 runs match')).toBeVisible();
  await page.getByLabel('Version').fill('0.9.4');
  await expect(page.getByText('100 runs match')).toBeVisible();
  await shot(page, testInfo, '03-history-filtered');
});

test('keyboard: skip link, main navigation and run rows are reachable with visible focus', async ({ page, console: c }, testInfo) => {
  seedRuns(c.home, 50);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  const projects = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Projects' });
  await expect(projects).toBeFocused();
  // Focus is visible: an outline is drawn.
  expect(await projects.evaluate((el) => el.ownerDocument.defaultView?.getComputedStyle(el).outlineStyle)).not.toBe('none');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Runs' })).toBeVisible();
  // Arrow keys move between run rows; Enter opens one.
  const first = page.getByRole('table', { name: 'Runs' }).getByRole('link', { name: 'seed-00049' });
  await first.focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('link', { name: 'seed-00048' })).toBeFocused();
  await shot(page, testInfo, '01-keyboard-focus');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/runs\/seed-00048$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('benchmark');
});
