/**
 * Releasing from the browser console: publish an accepted run to a hub started by the test
 * and follow the result link; then compare a worse candidate with that previous release.
 */
import { test, expect, startConsole, stopConsole, type Console } from './fixtures';
import { openExample, openRunTab, runExampleToDecision, runIdOf, shot } from './console-helpers';
import { HUB_TOKEN, nextCandidate, prepareExampleRepo, startHub, stopHub, trustHub, type Hub } from './console-release.helpers';
import type { Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

let hub: Hub;
let c: Console;
let repo: string;
test.beforeEach(async () => {
  hub = await startHub();
  c = await startConsole({ GREENLIGHT_HUB_TOKEN: HUB_TOKEN });
  repo = prepareExampleRepo(c.home, hub);
});
test.afterEach(async () => {
  await stopConsole(c);
  await stopHub(hub);
});

async function publishAccepted(page: Page): Promise<void> {
  trustHub(c.home, hub);
  await openRunTab(page, 'Publish');
  const publish = page.getByRole('button', { name: 'Publish', exact: true });
  await expect(publish).toBeEnabled();
  await publish.click();
  await expect(page.getByRole('status').filter({ hasText: /Published|published/ })).toBeVisible({ timeout: 30_000 });
}

test('publish an accepted run to the hub and follow the link', async ({ browser }, testInfo) => {
  const context = await browser.newContext({ colorScheme: 'light' });
  const page = await context.newPage();
  await page.goto(c.url);
  await runExampleToDecision(page, 'ACCEPT');
  await openRunTab(page, 'Publish');

  // What will be written, and where.
  await expect(page.getByRole('heading', { name: 'What will be written' })).toBeVisible();
  const changes = page.getByRole('figure', { name: /Changes to .*SCORECARD\.md/ });
  await expect(changes).toContainText('email-triage-v0.2.0 (v0.2.0) → v0.3.0; Δ = new − previous');
  // Aligned by name (issue 15): one row per metric with previous, new and Δ — no delete-and-add lines.
  const metrics = changes.getByRole('table', { name: 'Metric differences' });
  const accuracy = metrics.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /^category_accuracy/ }) });
  await expect(accuracy).toHaveCount(1);
  await expect(accuracy).toContainText('0.8818');
  await expect(accuracy).toContainText('0.9045');
  await expect(accuracy).toContainText('+0.02273');
  await expect(accuracy).toContainText('[−0.03588, +0.08164]');
  await expect(accuracy).toContainText('no clear change');
  const cost = metrics.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /^cost_per_success_usd/ }) });
  await expect(cost).toContainText('lower is better');
  await expect(cost).toContainText('−$0.00006034');
  await expect(cost).toContainText('improved (no interval)');
  await expect(changes).toContainText('Aggregate 88.18/100 → 90.45/100 (Δ +2.27, 95% [−3.54, +8.08])');
  await expect(changes.getByRole('table', { name: 'Gates, previous and new' })).toHaveCount(0);
  await expect(changes).toContainText('The previous card recorded no gates; this one records 4.');
  // 0.2.0's description of the same dataset is carried into the new card; its seed, another run's, is dropped with why.
  await expect(changes.getByRole('region', { name: 'Carried over from the previous card' })).toContainText('recipe.dataset.description = the bundled example corpus');
  const dropped = changes.getByRole('region', { name: 'Dropped from the previous card' });
  await expect(dropped).toContainText('Dropped from the previous card: recipe.config.seed');
  await expect(dropped).toContainText('the seed of the run that made the previous card, not of this run');
  await changes.getByText('The card as it will be written').click();
  await expect(changes.locator('pre')).toContainText('| Description | the bundled example corpus |');
  await expect(changes.locator('pre')).toContainText('Eval Scorecard v0.3.0');
  await expect(page.getByText(hub.url).first()).toBeVisible();
  await expect(page.getByText(/no hub token/)).toHaveCount(0);
  await shot(page, testInfo, '01-publish-plan');
  // The same view at 800 px in the dark theme: the aligned table fits.
  const dark = await browser.newContext({ colorScheme: 'dark', viewport: { width: 800, height: 900 } });
  const d = await dark.newPage();
  await d.goto(c.url); // the token URL sets this context's session
  await d.goto(page.url());
  await expect(d.getByRole('figure', { name: /Changes to .*SCORECARD\.md/ }).getByRole('table', { name: 'Metric differences' })).toBeVisible();
  await shot(d, testInfo, '01c-publish-plan-dark-800');
  await dark.close();

  // The repository chose the hub and the variable: until the user approves the pair, publishing is refused.
  const publish = page.getByRole('button', { name: 'Publish', exact: true });
  await expect(page.getByRole('alert').filter({ hasText: `sending $GREENLIGHT_HUB_TOKEN to ${hub.url} has not been approved` })).toBeVisible();
  await expect(publish).toBeDisabled();
  await page.getByRole('button', { name: 'Approve this hub…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Send a token to this hub?' });
  await expect(dialog.getByTestId('trust-origin')).toHaveText(hub.url);
  await expect(dialog.getByTestId('trust-env')).toHaveText('$GREENLIGHT_HUB_TOKEN');
  await shot(page, testInfo, '01b-approve-hub');
  await dialog.getByRole('button', { name: 'Approve' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(publish).toBeEnabled();
  await publish.click();
  const steps = page.getByRole('list', { name: 'Publish steps' });
  await expect(page.getByRole('link', { name: 'Open the published scorecard' })).toBeVisible({ timeout: 30_000 });
  for (const step of ['write', 'commit', 'upload', 'tag']) await expect(steps.getByRole('listitem').filter({ hasText: step })).toContainText(/done/);
  await shot(page, testInfo, '02-published');

  // Follow the link: the hub serves the card that was published.
  const [popup] = await Promise.all([page.waitForEvent('popup'), page.getByRole('link', { name: 'Open the published scorecard' }).click()]);
  await popup.waitForLoadState();
  expect(popup.url()).toContain(hub.url);
  await expect(popup.locator('body')).toContainText('Email Triage — Eval Scorecard v0.3.0');
  await popup.screenshot({ path: testInfo.outputPath('03-hub-card.png') });
  const index = (await (await fetch(`${hub.url}/index.json`)).json()) as unknown;
  expect(JSON.stringify(index)).toContain('eval_scorecard_url');

  // The project now shows its current release.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Projects' }).click();
  await expect(page.getByRole('article', { name: 'email-triage' }).getByText('v0.3.0 · 90.45')).toBeVisible();
  await shot(page, testInfo, '04-projects-after-release');
  await context.close();
});

test('compare a worse candidate with the previous release', async ({ browser }, testInfo) => {
  const context = await browser.newContext({ colorScheme: 'light' });
  const page = await context.newPage();
  await page.goto(c.url);
  await runExampleToDecision(page);
  await publishAccepted(page);

  // Candidate 0.3.1: a worse model.
  nextCandidate(repo, '0.3.1', '0.8');
  await runExampleToDecision(page);
  const candidate = runIdOf(page);
  await openRunTab(page, 'Compare');
  await expect(page.getByLabel('Against')).toHaveValue('previous-release');
  const table = page.getByRole('table', { name: 'Metric differences' });
  await expect(table).toBeVisible({ timeout: 20_000 });
  await expect(page.locator('.compare-sides')).toContainText('0.3.0');
  await expect(page.locator('.compare-sides')).toContainText('0.3.1');
  // Regressions first: the first row is a metric that got worse, with its delta and interval.
  const first = table.getByRole('row').nth(1);
  await expect(first).toContainText('worse');
  await expect(first).toContainText('−');
  await expect(page.getByRole('figure', { name: 'Deltas with 95% intervals' })).toBeVisible();
  await shot(page, testInfo, '01-compare-previous-release');

  // The candidate's static report pairs its items with those of the run 0.3.0 was published from (issue 15).
  const reportFile = testInfo.outputPath('candidate-report.html');
  execFileSync(process.execPath, [join(import.meta.dirname, '..', 'out', 'main', 'cli.js'), 'report', '--run', candidate, '--out', reportFile], { env: { ...process.env, GREENLIGHT_HOME: c.home } });
  const offline = await browser.newContext({ colorScheme: 'light', offline: true });
  const rp = await offline.newPage();
  await rp.goto(pathToFileURL(reportFile).href);
  await expect(rp.getByText(/^Against release 0\.3\.0 \(email-triage-v0\.3\.0\), published from run \S+: 220 items paired, \d+ pass on both, \d+ fail on both, [1-9]\d* flipped to fail, \d+ flipped to pass\./)).toBeVisible();
  const toFail = rp.getByRole('table', { name: 'Flipped to fail' });
  await expect(toFail.getByRole('row').nth(1)).toContainText(/^email-\d+/);
  await toFail.scrollIntoViewIfNeeded();
  await rp.screenshot({ path: testInfo.outputPath('01b-report-flips.png'), fullPage: true });
  await offline.close();

  // Any two runs: the same candidate against the first run.
  const options = await page.getByLabel('Against').locator('option').allTextContents();
  const other = options.find((o) => o.startsWith('run ') && !o.includes(candidate));
  expect(other).toBeTruthy();
  await page.getByLabel('Against').selectOption({ label: other! });
  await expect(table).toBeVisible();
  await shot(page, testInfo, '02-compare-two-runs');

  // Release the candidate too (its gates passed), then read the trend across both releases.
  await page.goto(`${c.origin}/#/runs/${candidate}`);
  await publishAccepted(page);
  await openExample(page);
  const releases = page.getByRole('table', { name: 'Releases' });
  await expect(releases).toContainText('v0.3.0');
  await expect(releases).toContainText('v0.3.1');
  await expect(page.getByRole('figure', { name: 'weighted_accuracy (out of 100) across releases and candidates' })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'category_accuracy' })).toBeChecked();
  await expect(page.getByRole('figure', { name: 'Chosen metrics across releases and candidates' })).toBeVisible();
  await shot(page, testInfo, '03-project-trends');
  await context.close();
});

test('a failing candidate publishes only with a written override reason', async ({ browser }, testInfo) => {
  nextCandidate(repo, '0.3.0', '0.4');
  const context = await browser.newContext({ colorScheme: 'dark' });
  const page = await context.newPage();
  await page.goto(c.url);
  await runExampleToDecision(page, 'REGRESSION');
  trustHub(c.home, hub);
  await openRunTab(page, 'Publish');
  const publish = page.getByRole('button', { name: 'Publish', exact: true });
  await expect(page.getByText('Enabled for an ACCEPT decision, or once an override reason is written.')).toBeVisible();
  await expect(publish).toBeDisabled();
  await shot(page, testInfo, '01-publish-refused-dark');
  await page.getByLabel('Override reason').fill('Hotfix for a customer outage; accuracy recovers in 0.3.1.');
  await expect(publish).toBeEnabled();
  await publish.click();
  await expect(page.getByRole('link', { name: 'Open the published scorecard' })).toBeVisible({ timeout: 30_000 });
  await shot(page, testInfo, '02-published-with-override-dark');
  await context.close();
});

test('a failed publish keeps showing which step failed', async ({ browser }, testInfo) => {
  const context = await browser.newContext({ colorScheme: 'light' });
  const page = await context.newPage();
  await page.goto(c.url);
  await runExampleToDecision(page, 'ACCEPT');
  trustHub(c.home, hub);
  await openRunTab(page, 'Publish');
  const publish = page.getByRole('button', { name: 'Publish', exact: true });
  await expect(publish).toBeEnabled();
  // The hub goes away after the plan was made: the upload step fails.
  await stopHub(hub);
  await publish.click();
  await expect(page.getByRole('alert').filter({ hasText: 'Fix the cause and publish again' })).toBeVisible({ timeout: 30_000 });
  const steps = page.getByRole('list', { name: 'Publish steps' });
  await expect(steps.getByRole('listitem').filter({ hasText: 'upload' })).toContainText('failed');
  // It stays shown (the plan used to overwrite the live steps once the publish returned).
  await page.waitForTimeout(1_500);
  await expect(steps.getByRole('listitem').filter({ hasText: 'upload' })).toContainText('failed');
  await expect(steps.getByRole('listitem').filter({ hasText: 'write' })).toContainText('done');
  await shot(page, testInfo, '01-publish-failed');
  await context.close();
});
