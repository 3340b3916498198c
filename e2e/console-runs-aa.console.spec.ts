/**
 * The runs list marks an A/A pair (issue v1): two runs of one version stored as a pair
 * (runs.aa_partner) carry an "A/A" marker linking to the pair's noise floor on the Statistics
 * tab; an ordinary run of the same eval carries none.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from './fixtures';
import { openExample, runIdOf, shot, waitForDecision } from './console-helpers';

test('the runs list marks both runs of an A/A pair and links them to their noise floor', async ({ page, console: c }, testInfo) => {
  const file = join(c.home, 'examples', 'email-triage', 'greenlight.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replace('--seed, "7"]', '--seed, "7", --delay-ms, "0"]'));
  // An ordinary run first, then an A/A pair of the same eval.
  await openExample(page);
  await page.getByRole('button', { name: 'Run benchmark', exact: true }).click();
  await waitForDecision(page);
  const plain = runIdOf(page);
  await openExample(page);
  await page.getByRole('button', { name: 'A/A benchmark' }).click();
  await expect(page).toHaveURL(/#\/runs\/[^/]+\/statistics$/);
  const first = runIdOf(page);
  await expect(page.getByRole('table', { name: 'Noise floor' })).toBeVisible({ timeout: 60_000 });
  const second = (await page.getByRole('status', { name: 'A/A pair' }).getByRole('link').nth(1).innerText()).trim();
  expect(second).not.toBe(first);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Runs' }).click();
  const table = page.getByRole('table', { name: 'Runs' });
  const rowOf = (id: string) => table.getByRole('row').filter({ has: page.getByRole('link', { name: id, exact: true }) });
  await expect(rowOf(plain)).toHaveCount(1);
  // Each half of the pair names the other; the ordinary run has no marker.
  await expect(rowOf(first).getByRole('link', { name: `A/A pair with run ${second}: open its noise floor` })).toHaveText('A/A');
  await expect(rowOf(second).getByRole('link', { name: `A/A pair with run ${first}: open its noise floor` })).toHaveText('A/A');
  await expect(rowOf(plain).getByRole('link', { name: /A\/A pair/ })).toHaveCount(0);
  await expect(table.locator('[data-aa-partner]')).toHaveCount(2);
  await shot(page, testInfo, '01-runs-aa-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shot(page, testInfo, '02-runs-aa-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  // The marker opens the pair's noise floor on the Statistics tab.
  await rowOf(second).getByRole('link', { name: /A\/A pair/ }).click();
  await expect(page).toHaveURL(new RegExp(`#/runs/${second}/statistics$`));
  await expect(page.getByRole('status', { name: 'A/A pair' })).toContainText('This run is one of an A/A pair');
  await expect(page.getByRole('table', { name: 'Noise floor' })).toBeVisible();
});
