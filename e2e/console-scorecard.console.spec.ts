/**
 * Reading a run's scorecard in the browser console: the rendered SCORECARD.md, the gates
 * table, switching tier (the gates change), and what-if thresholds re-evaluated in the page.
 */
import { test, expect, startConsole, stopConsole, type Console } from './fixtures';
import { openExample, openRunTab, runExampleToDecision, shot, startEval } from './console-helpers';

// A borderline candidate (about 80% right): it passes first_sft and fails the stricter future tier.
let borderline: Console;
test.beforeEach(async () => {
  borderline = await startConsole({ TRIAGE_QUALITY: '0.8', GREENLIGHT_HUB_TOKEN: '' });
});
test.afterEach(async () => {
  await stopConsole(borderline);
});

test('read the scorecard, switch tier and see gates change, edit a threshold', async ({ browser }, testInfo) => {
  const context = await browser.newContext({ colorScheme: 'light' });
  const page = await context.newPage();
  await page.goto(borderline.url);
  await runExampleToDecision(page);
  await openRunTab(page, 'Scorecard');

  // The rendered card (GitHub-flavoured markdown: a heading and tables).
  const card = page.getByRole('article', { name: 'SCORECARD.md' });
  await expect(card.getByRole('heading', { level: 1 })).toContainText('Eval Scorecard v0.3.0');
  await expect(card.getByRole('table').first()).toBeVisible();

  const gates = page.getByRole('table', { name: 'Gates' });
  const row = (name: string) => gates.getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${name}`) }) });
  await expect(row('task_pass_rate')).toContainText('pass');
  await expect(row('category_accuracy')).toContainText('pass');
  await expect(page.locator('.decision-now')).toContainText('ACCEPT');
  // The regression gate is judged against release 0.2.0 here too, as the run and its card were
  // (it read "skipped — no baseline" while the card below said it passed against 0.2.0).
  await expect(row('no_regression')).not.toContainText('skipped');
  await expect(row('no_regression')).toContainText(/Newcombe/);
  // Its interval is the drop's (the engine's Newcombe interval), in the Interval column, labelled so.
  await expect(row('no_regression').getByRole('cell').nth(3)).toHaveText(/^drop \[-?\d[\d.]*, -?\d[\d.]*\]$/);
  await expect(page.getByRole('radio', { name: 'first_sft' })).toBeChecked();
  await expect(page.getByLabel('Threshold for task_pass_rate')).toHaveValue('0.55');
  await shot(page, testInfo, '01-scorecard-first_sft');

  // The strictest tier: thresholds change, and so do the gates.
  await page.getByRole('radio', { name: 'future' }).check();
  await expect(page.getByLabel('Threshold for task_pass_rate')).toHaveValue('0.75');
  await expect(page.getByLabel('Threshold for category_accuracy')).toHaveValue('0.85');
  await expect(row('category_accuracy')).toContainText('fail');
  await expect(page.locator('.decision-now')).toContainText('REGRESSION');
  await shot(page, testInfo, '02-scorecard-future');

  // What-if: a threshold above the measured pass rate fails the gate, live, in the page.
  await page.getByRole('radio', { name: 'first_sft' }).check();
  const threshold = page.getByLabel('Threshold for task_pass_rate');
  await threshold.fill('0.99');
  await expect(row('task_pass_rate')).toContainText('fail');
  await expect(row('task_pass_rate')).toContainText('was pass');
  await expect(page.getByText('What-if decision')).toBeVisible();
  await expect(page.locator('.decision-now')).toContainText('REGRESSION');
  await shot(page, testInfo, '03-what-if');
  await page.getByRole('button', { name: 'Reset threshold for task_pass_rate' }).click();
  await expect(row('task_pass_rate')).toContainText('pass');
  await expect(threshold).toHaveValue('0.55');
  await expect(page.locator('.decision-now')).toContainText('ACCEPT');

  // Per-category results are charted with their intervals.
  await expect(page.getByRole('figure', { name: 'category_accuracy' })).toBeVisible();
  await shot(page, testInfo, '04-scorecard-full');
  // This console was started without $GREENLIGHT_HUB_TOKEN: the publish plan says so before
  // anything is written (the upload step used to fail only after the card was committed).
  await openRunTab(page, 'Publish');
  await expect(page.getByRole('note').filter({ hasText: 'no hub token: $GREENLIGHT_HUB_TOKEN is not set' })).toBeVisible();
  await openRunTab(page, 'Scorecard');
  await expect(page.getByRole('figure', { name: 'category_accuracy' })).toBeVisible();
  // The same page follows the OS into dark mode.
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await page.locator('html').evaluate((el) => el.ownerDocument.defaultView?.getComputedStyle(el).getPropertyValue('--bg').trim())).toBe('#101512');
  await shot(page, testInfo, '05-scorecard-dark');
  // A narrow window (800 px): the gates table scrolls in its panel instead of pushing the page sideways.
  await page.setViewportSize({ width: 800, height: 900 });
  await expect(page.getByRole('table', { name: 'Gates' })).toBeVisible();
  expect(await page.locator('html').evaluate((el) => el.scrollWidth)).toBeLessThanOrEqual(800);
  await shot(page, testInfo, '06-scorecard-narrow');
  await context.close();
});

// Issue 10, point 8: the Scorecard tab of a run that is still running, or was cancelled, showed
// a green "Decision: ACCEPT" over all-skipped gates. A run without a decision shows none.
test('a run without a decision shows none on its Scorecard tab, running or cancelled', async ({ browser }, testInfo) => {
  const slow = await startConsole({ TRIAGE_DELAY_MS: '100', GREENLIGHT_HUB_TOKEN: '' });
  const context = await browser.newContext({ colorScheme: 'light' });
  const page = await context.newPage();
  try {
    await page.goto(slow.url);
    await openExample(page);
    await startEval(page);
    await expect(page.getByRole('log', { name: 'Run log' })).toContainText(/\d+\/220/, { timeout: 20_000 });
    await openRunTab(page, 'Scorecard');
    await expect(page.getByText('No decision', { exact: true })).toBeVisible();
    await expect(page.getByRole('note').filter({ hasText: 'there is nothing to judge yet' })).toBeVisible();
    await expect(page.locator('.decision-now')).toHaveCount(0);
    await expect(page.getByText('ACCEPT')).toHaveCount(0);
    await expect(page.getByRole('table', { name: 'Gates' })).toHaveCount(0);
    await shot(page, testInfo, '07-scorecard-running-no-decision');
    await openRunTab(page, 'Run');
    await page.getByRole('button', { name: 'Cancel run' }).click();
    await expect(page.getByText('cancelled', { exact: true }).first()).toBeVisible({ timeout: 15_000 });
    await openRunTab(page, 'Scorecard');
    await expect(page.getByRole('note').filter({ hasText: 'was cancelled: there is nothing to judge, so no what-if either' })).toBeVisible();
    await expect(page.locator('.decision-now')).toHaveCount(0);
    await expect(page.getByText('ACCEPT')).toHaveCount(0);
    await shot(page, testInfo, '08-scorecard-cancelled-no-decision');
  } finally {
    await context.close();
    await stopConsole(slow);
  }
});
