/**
 * Statistics in the browser console (issue 16), on the example project run for real: a copy
 * with `repeats: 3` and more statistical gates shows each metric's epochs, run-to-run spread,
 * pass@k / pass^k, the alpha and family of each gate (advisory ones never blocking, with a
 * q-value) and the planner's answer; an A/A pair started from the project page shows how far
 * two identical candidates landed apart, item by item, and later runs' cards cite it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, type Console } from './fixtures';
import { openExample, runIdOf, shot, waitForDecision } from './console-helpers';
import type { Page } from '@playwright/test';

/**
 * The example's greenlight.yaml in this test's data folder, changed the way a user would: a
 * fresh seed each run (a sampling model), no per-email delay, and optionally repeats and gates.
 */
function editExample(c: Console, opts: { repeats?: number; gates?: string }): void {
  const file = join(c.home, 'examples', 'email-triage', 'greenlight.yaml');
  let text = readFileSync(file, 'utf8').replace('--seed, "7"]', '--seed, "random", --delay-ms, "0"]');
  if (opts.repeats) text = text.replace('  - name: benchmark\n', `  - name: benchmark\n    repeats: ${opts.repeats}\n`);
  if (opts.gates) text = text.replace(/(\n {4}alpha: 0\.05\n)/, `$1${opts.gates}`);
  writeFileSync(file, text);
}

const MORE_GATES = [
  '  - {name: task_no_drop, kind: regression, metric: task_pass_rate, mode: significance, tolerance: 0.02}',
  '  - {name: task_noninferior, kind: regression, metric: task_pass_rate, mode: noninferiority, tolerance: 0.1}',
  '  - {name: category_watch, kind: regression, metric: category_accuracy, mode: significance, tolerance: 0.01, advisory: true}',
  '',
].join('\n');

async function openStatistics(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Run sections' }).getByRole('link', { name: 'Statistics' }).click();
  await expect(page).toHaveURL(/#\/runs\/[^/?]+\/statistics/);
}

const num = (s: string): number => Number(s.replace('−', '-').replace(/[^\d.+-]/g, ''));

test('a run with repeats: epochs, spread, pass@k, each gate’s alpha and family, the planner', async ({ page, console: c }, testInfo) => {
  editExample(c, { repeats: 3, gates: MORE_GATES });
  await openExample(page);
  await page.getByRole('button', { name: 'Run benchmark', exact: true }).click();
  await waitForDecision(page);
  await openStatistics(page);

  // Three epochs of the same 220 emails: each metric's value per epoch and their spread.
  await expect(page.getByRole('heading', { name: 'Repeats: 3 epochs' })).toBeVisible();
  const spread = page.getByRole('table', { name: 'Run-to-run spread' });
  const task = spread.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'task_pass_rate', exact: true }) });
  const cells = task.getByRole('cell');
  const epochs = (await cells.nth(0).innerText()).split(' · ').map(num);
  expect(epochs).toHaveLength(3);
  // A fresh seed per epoch: the three runs do not all land on the same pass rate, and the SD says how far apart.
  expect(new Set(epochs).size).toBeGreaterThan(1);
  expect(num(await cells.nth(1).innerText())).toBeGreaterThan(0);
  // pass@3 (any of three tries passes) ≥ every epoch's pass rate ≥ pass^3 (all three pass).
  await expect(spread.getByRole('columnheader', { name: 'pass@3' })).toBeVisible();
  const passAt = num(await cells.nth(2).innerText());
  const passHat = num(await cells.nth(3).innerText());
  expect(passAt).toBeGreaterThanOrEqual(Math.max(...epochs));
  expect(passHat).toBeLessThanOrEqual(Math.min(...epochs));
  // Cost has no pass/fail items: no pass@k for it.
  await expect(spread.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'cost_per_success_usd' }) }).getByRole('cell').nth(2)).toHaveText('—');

  // How each gate was judged: two blocking significance gates form a Holm family (each at 0.025),
  // noninferiority needs no correction, the advisory gate has a q-value and never blocks.
  const judged = page.getByRole('table', { name: 'Gate statistics' });
  const gate = (name: string) => judged.getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${name}`) }) });
  await expect(gate('no_regression')).toContainText('Holm over 2');
  await expect(gate('no_regression').getByRole('cell').nth(1)).toHaveText('0.025');
  await expect(gate('task_no_drop').getByRole('cell').nth(1)).toHaveText('0.025');
  await expect(gate('task_noninferior')).toContainText('intersection–union');
  await expect(gate('task_noninferior').getByRole('cell').nth(1)).toHaveText('0.05');
  await expect(gate('category_watch')).toContainText('advisory · never blocks');
  await expect(gate('category_watch')).toContainText('Benjamini–Hochberg over 1');
  await expect(page.getByRole('list', { name: 'Why these alphas' })).toContainText('advisory gates are reported with a q-value (the false-discovery rate among them) and never block the release');
  await expect(page.getByRole('list', { name: 'Why these alphas' })).toContainText("Holm's step-down over the 2 blocking significance gates keeps the chance that noise alone fails any of them at 0.05");
  expect(num(await gate('category_watch').getByRole('cell').nth(3).innerText())).toBeGreaterThan(0);
  // A 2-point tolerance at 220 items is underpowered: the planner says how many items it takes.
  await expect(gate('task_no_drop')).toContainText('pass · underpowered');
  await expect(gate('task_no_drop').getByRole('cell').nth(4)).toHaveText(/^to fail a true 4-point drop with 80% power \(tolerance 2 points, alpha 0\.025\) you need about \d+ items per side/);
  // Nothing measured the noise floor yet: the panel says so and offers to.
  await expect(page.getByRole('button', { name: 'Measure the noise floor of benchmark (A/A)' })).toBeVisible();
  await shot(page, testInfo, '01-statistics-light');

  // The tab is in the URL: a reload opens it again.
  await page.reload();
  await expect(page.getByRole('table', { name: 'Run-to-run spread' })).toBeVisible();

  // The scorecard marks the advisory gate too, and the card prints the planner's answer.
  await page.getByRole('navigation', { name: 'Run sections' }).getByRole('link', { name: 'Scorecard' }).click();
  await expect(page.getByRole('table', { name: 'Gates' }).getByRole('row').filter({ hasText: 'category_watch' })).toContainText('advisory · never blocks');
  const card = page.getByRole('article', { name: 'SCORECARD.md' });
  await expect(card).toContainText(/`?task_no_drop`? is underpowered: to fail a true 4-point drop/);
  await shot(page, testInfo, '01b-scorecard-planner');
  await openStatistics(page);

  await page.emulateMedia({ colorScheme: 'dark' });
  await shot(page, testInfo, '02-statistics-dark');
  await page.setViewportSize({ width: 800, height: 900 });
  await page.emulateMedia({ colorScheme: 'light' });
  // At 800 px the tables stay inside the page (their wrappers scroll, the page does not).
  expect(await page.locator('html').evaluate((el) => el.scrollWidth)).toBeLessThanOrEqual(800);
  await shot(page, testInfo, '03-statistics-800');
});

test('start an A/A pair from the project page and read the noise floor item by item', async ({ page, console: c }, testInfo) => {
  editExample(c, {});
  await openExample(page);
  await page.getByRole('button', { name: 'A/A benchmark' }).click();
  await expect(page).toHaveURL(/#\/runs\/[^/]+\/statistics$/);
  const first = runIdOf(page);
  // The run's header says what it is, on every tab.
  await expect(page.locator('.run-facts').getByRole('link', { name: 'A/A pair' })).toBeVisible();

  // Both runs end, then the result appears in place.
  const floor = page.getByRole('table', { name: 'Noise floor' });
  await expect(floor).toBeVisible({ timeout: 60_000 });
  const pair = page.getByRole('status', { name: 'A/A pair' });
  await expect(pair).toContainText('This run is one of an A/A pair');
  await expect(pair).toContainText('of v0.3.0');
  const row = floor.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'task_pass_rate', exact: true }) });
  const differ = await row.getByRole('cell').nth(2).innerText();
  const m = /^(\d+) of 220/.exec(differ);
  expect(m, differ).not.toBeNull();
  const flipped = Number(m![1]);
  // Two draws of a 90% model on 220 emails disagree on some of them.
  expect(flipped).toBeGreaterThan(0);
  await expect(row.getByRole('cell').nth(1)).toHaveText(/^\[[−+±][\d.]+, [−+±][\d.]+\]$/);
  await expect(row.getByRole('cell').nth(0)).toHaveText(/^±0\.\d+$/);
  // Item by item: the emails that came out differently, each one click from the Items tab.
  const items = page.getByRole('table', { name: 'Items that differ between the two runs' });
  await expect(items.getByRole('row')).toHaveCount(Math.min(flipped, 20) + 1);
  await expect(items.getByRole('rowheader').first()).toHaveText(/^email-\d{4}$/);
  const outcomes = await items.getByRole('row').nth(1).getByRole('cell').allInnerTexts();
  expect([...outcomes].sort()).toEqual(['fail', 'pass']);
  // A cost has no pass/fail items and no standard error: no made-up interval for it.
  await expect(floor.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'cost_per_success_usd' }) }).getByRole('cell').nth(0)).toHaveText('—');
  await shot(page, testInfo, '04-aa-result');
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.setViewportSize({ width: 800, height: 900 });
  expect(await page.locator('html').evaluate((el) => el.scrollWidth)).toBeLessThanOrEqual(800);
  await shot(page, testInfo, '04b-aa-dark-800');
  await page.emulateMedia({ colorScheme: 'light' });

  // The other run of the pair reads the same pair.
  const second = (await pair.getByRole('link').nth(1).innerText()).trim();
  expect(second).not.toBe(first);
  await pair.getByRole('link').nth(1).click();
  await expect(page).toHaveURL(new RegExp(`#/runs/${second}/statistics`));
  await expect(page.getByRole('status', { name: 'A/A pair' })).toContainText('This run is one of an A/A pair');

  // Both runs' cards carry the pair's floor, even the one that ended before the other.
  for (const id of [first, second]) {
    await page.goto(`${c.origin}/#/runs/${id}/scorecard`);
    await expect(page.getByRole('article', { name: 'SCORECARD.md' })).toContainText(`This run is one of an A/A pair: runs ${first} and ${second} of v0.3.0`);
  }
  await page.goto(`${c.origin}/#/runs/${second}/statistics`);

  // "open in Items" lists the flipped items against the first run.
  await page.getByRole('table', { name: 'Noise floor' }).getByRole('link', { name: 'open in Items' }).first().click();
  await expect(page).toHaveURL(new RegExp(`#/runs/${second}/items/flipped(=|%3D)any.*against(=|%3D)${first}`));

  // A later run of the eval: its Statistics tab and its card cite the pair's noise floor.
  await openExample(page);
  await page.getByRole('button', { name: 'Run benchmark', exact: true }).click();
  await waitForDecision(page);
  await openStatistics(page);
  await expect(page.getByRole('status', { name: 'A/A pair' })).toContainText('Measured by an A/A pair of this eval');
  await page.getByRole('navigation', { name: 'Run sections' }).getByRole('link', { name: 'Scorecard' }).click();
  const card = page.getByRole('article', { name: 'SCORECARD.md' });
  await expect(card.getByRole('heading', { name: 'Noise floor (A/A)' })).toBeVisible();
  await expect(card).toContainText(new RegExp(`task_pass_rate\`?: ${flipped} of 220 items differ between the two runs`));
  await shot(page, testInfo, '05-card-noise-floor');
});
