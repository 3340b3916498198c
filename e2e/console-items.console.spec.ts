/**
 * Items in the browser console, on the example project: a run shows its 220 emails with
 * input and output, filters by outcome, category and text, opens one in full; the category
 * chart and the top confusions open the items behind them; a failing candidate's Compare
 * lists exactly the emails that flipped (checked against the two eval reports on disk).
 */
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect, startConsole, stopConsole } from './fixtures';
import { runExampleToDecision, runIdOf, shot } from './console-helpers';

interface Report {
  results: Array<{ task_id: string; passed: boolean; input: string; expected: string; predicted: string }>;
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function reportOf(home: string, runId: string): Report {
  const db = new Database(join(home, 'greenlight.db'), { readonly: true });
  try {
    const r = db.prepare('SELECT run_dir FROM runs WHERE id = ?').get(runId) as { run_dir: string };
    return JSON.parse(readFileSync(join(r.run_dir, 'eval-report.json'), 'utf8')) as Report;
  } finally {
    db.close();
  }
}

function exampleDir(home: string): string {
  const db = new Database(join(home, 'greenlight.db'), { readonly: true });
  try {
    return (db.prepare('SELECT path FROM projects WHERE example = 1').get() as { path: string }).path;
  } finally {
    db.close();
  }
}

for (const scheme of ['light', 'dark'] as const) {
  test(`items of a run and the flips of a failing candidate (${scheme})`, async ({ browser }, testInfo) => {
    test.setTimeout(180_000);
    const c = await startConsole({ TRIAGE_DELAY_MS: '0' });
    const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    try {
      await page.goto(c.url);
      await runExampleToDecision(page, 'ACCEPT');
      const good = runIdOf(page);
      const report = reportOf(c.home, good);

      await page.getByRole('navigation', { name: 'Run sections' }).getByRole('link', { name: 'Items' }).click();
      const table = page.getByRole('table', { name: 'Items' });
      await expect(page.getByRole('status').filter({ hasText: '220 items' })).toBeVisible();
      await expect(table).toHaveAttribute('aria-rowcount', '221');
      expect(await table.getByRole('row').count()).toBeLessThan(60);
      const first = report.results[0]!;
      await expect(table.getByRole('row').nth(1)).toContainText(first.task_id);
      await expect(table.getByRole('row').nth(1)).toContainText(`${first.expected} → ${first.predicted}`);
      await shot(page, testInfo, `01-items-${scheme}`);

      // Failed ones only, of one category, then by text.
      await page.getByLabel('Outcome').selectOption('fail');
      const failed = report.results.filter((r) => !r.passed);
      await expect(page.getByRole('status').filter({ hasText: `${failed.length} match` })).toBeVisible();
      await page.getByLabel('Outcome').selectOption('');
      await page.getByLabel('Category').selectOption('spam');
      await expect(page.getByRole('status').filter({ hasText: `${report.results.filter((r) => r.expected === 'spam').length} match` })).toBeVisible();
      await page.getByLabel('Category').selectOption('');
      await page.getByRole('searchbox').fill('payroll');
      const payroll = report.results.filter((r) => /payroll/i.test(r.input));
      await expect(page.getByRole('status').filter({ hasText: `${payroll.length} match` })).toBeVisible();

      // One item in full.
      await table.getByRole('button', { name: payroll[0]!.task_id }).click();
      const detail = page.getByRole('complementary').filter({ has: page.getByRole('heading', { name: payroll[0]!.task_id }) });
      await expect(detail).toContainText('Payroll run failed today');
      await expect(detail).toContainText(payroll[0]!.predicted);
      await shot(page, testInfo, `02-item-detail-${scheme}`);

      // The category chart and the top confusions open the items behind them.
      await page.getByRole('navigation', { name: 'Run sections' }).getByRole('link', { name: 'Scorecard' }).click();
      await page.locator('.chart-bars-link').first().getByRole('link', { name: 'urgent' }).click();
      await expect(page).toHaveURL(/\/items\/category(=|%3D)urgent$/);
      await expect(page.getByLabel('Category')).toHaveValue('urgent');
      await expect(page.getByRole('status').filter({ hasText: `${report.results.filter((r) => r.expected === 'urgent').length} match` })).toBeVisible();
      await page.getByRole('navigation', { name: 'Run sections' }).getByRole('link', { name: 'Scorecard' }).click();
      const confusion = page.getByRole('region', { name: 'Top confusions' }).getByRole('link').first();
      const [expected, predicted] = ((await confusion.textContent()) ?? '').split(' → ');
      await confusion.click();
      const cell = report.results.filter((r) => r.expected === expected && r.predicted === predicted);
      await expect(page.getByRole('status').filter({ hasText: `${cell.length} match` })).toBeVisible();

      // A failing candidate, run from the CLI into the same store.
      const cli = spawnSync(process.execPath, [join(ROOT, 'out/main/cli.js'), 'run', '--project', exampleDir(c.home), '--json'], {
        env: { ...process.env, GREENLIGHT_HOME: c.home, TRIAGE_DELAY_MS: '0', TRIAGE_QUALITY: '0.4' },
        encoding: 'utf8',
      });
      const bad = (JSON.parse(cli.stdout) as { id: string }).id;
      const badReport = reportOf(c.home, bad);
      const before = new Map(report.results.map((r) => [r.task_id, r.passed]));
      const toFail = badReport.results.filter((r) => before.get(r.task_id) === true && !r.passed).map((r) => r.task_id);
      const toPass = badReport.results.filter((r) => before.get(r.task_id) === false && r.passed).map((r) => r.task_id);

      await page.goto(`${c.url.split('?')[0]}#/runs/${bad}/compare`);
      await page.getByLabel('Against').selectOption(good);
      const flips = page.getByRole('region', { name: 'Item by item' });
      await expect(flips).toContainText(`220 paired`);
      await expect(flips).toContainText(`${toFail.length} flipped to fail`);
      const failList = flips.getByRole('list', { name: 'Flipped to fail' });
      await expect(failList.getByRole('listitem')).toHaveCount(toFail.length);
      expect(await failList.getByRole('listitem').allTextContents()).toEqual(toFail);
      expect(await flips.getByRole('list', { name: 'Flipped to pass' }).getByRole('listitem').allTextContents()).toEqual(toPass);
      await shot(page, testInfo, `03-compare-flips-${scheme}`);
      await flips.getByLabel('Filter ids').fill(toFail[0]!);
      await expect(failList.getByRole('listitem')).toHaveCount(toFail.filter((i) => i.includes(toFail[0]!)).length);

      // And the Items tab of the candidate, flipped against that run.
      await flips.getByRole('link', { name: 'open in Items' }).first().click();
      await expect(page.getByRole('status').filter({ hasText: `${toFail.length} match` })).toBeVisible();
      await shot(page, testInfo, `04-items-flipped-${scheme}`);
    } finally {
      await context.close();
      await stopConsole(c);
    }
  });
}
