/**
 * The console draws a pipeline live (issue 17): start the example project's pipeline, watch
 * its stages and the matrix stage's jobs move, follow a job's output, reach the decision.
 * A finished pipeline run has a card like a plain run's and publishes (issue 18).
 */
import { test, expect, startConsole, stopConsole } from './fixtures';
import { openExample, openRunTab, shot } from './console-helpers';
import { HUB_TOKEN, prepareExampleRepo, startHub, stopHub, trustHub } from './console-release.helpers';

test('run the example pipeline: stages, jobs, states, gates and the decision, live', async ({ browser }, testInfo) => {
  // A little slower than the default, so the stages are seen running.
  const c = await startConsole({ TRIAGE_DELAY_MS: '8' });
  const page = await (await browser.newContext()).newPage();
  try {
    await page.goto(c.url);
    await openExample(page);
    await page.getByRole('button', { name: /Run pipeline \(2 stages\)/ }).click();
    const pipeline = page.getByRole('region', { name: 'Pipeline', exact: true });
    await expect(pipeline).toBeVisible();
    const smoke = pipeline.locator('[data-stage="smoke"]');
    const bench = pipeline.locator('[data-stage="benchmark"]');
    // The matrix stage shows one job per seed while it runs, with its output followed live.
    await expect(bench.locator('[data-job="benchmark[seed=7]"]')).toBeVisible({ timeout: 30_000 });
    await expect(bench.locator('[data-job="benchmark[seed=11]"]')).toBeVisible();
    await expect(smoke).toHaveAttribute('data-status', 'passed');
    await expect(page.getByLabel(/output of benchmark#/)).toContainText(/\d+\/220/, { timeout: 30_000 });
    await shot(page, testInfo, '01-pipeline-live');
    await expect(bench).toHaveAttribute('data-status', 'passed', { timeout: 60_000 });
    await expect(bench.locator('[data-gate="category_accuracy[seed=11]"]')).toContainText('pass');
    await expect(bench.locator('[data-job="benchmark[seed=11]"]')).toHaveAttribute('data-status', 'succeeded');
    // A finished job reads done, not the 90% of the last progress line its eval printed.
    await expect(bench.locator('[data-job="benchmark[seed=11]"] [data-progress]')).toHaveText('done');
    await expect(smoke.locator('[data-progress]')).toHaveText('done');
    await expect(page.getByText('ACCEPT').first()).toBeVisible();
    await shot(page, testInfo, '02-pipeline-done');
  } finally {
    await stopConsole(c);
  }
});

test('a finished pipeline run has a drafted card, compares and publishes like a plain run', async ({ browser }, testInfo) => {
  const hub = await startHub();
  const c = await startConsole({ GREENLIGHT_HUB_TOKEN: HUB_TOKEN });
  try {
    prepareExampleRepo(c.home, hub);
    const page = await (await browser.newContext()).newPage();
    await page.goto(c.url);
    await openExample(page);
    await page.getByRole('button', { name: /Run pipeline \(2 stages\)/ }).click();
    const bench = page.getByRole('region', { name: 'Pipeline', exact: true }).locator('[data-stage="benchmark"]');
    await expect(bench).toHaveAttribute('data-status', 'passed', { timeout: 90_000 });
    await expect(page.getByText('ACCEPT').first()).toBeVisible();

    // The card: drafted from the stages, the matrix jobs' metrics named with their seeds.
    await openRunTab(page, 'Scorecard');
    await expect(page.getByText('category_accuracy[seed=11]').first()).toBeVisible({ timeout: 15_000 });
    // Its gates are its stages' as recorded, never greenlight.yaml's top-level gates re-run on
    // stage-named metrics (all "input missing", INCONCLUSIVE, "greenlight.yaml has changed").
    const gates = page.getByRole('table', { name: 'Gates' }).first();
    await expect(gates).toContainText('smoke/smoke_pass_rate');
    await expect(gates).toContainText('benchmark/category_accuracy[seed=11]');
    await expect(gates).not.toContainText('input missing');
    await expect(page.getByText(/has changed since this run/)).toHaveCount(0);
    await expect(page.getByRole('note').filter({ hasText: 'A pipeline run is judged by each stage' })).toBeVisible();
    // The card compares no stage with release 0.2.0's plain-run numbers, and says so.
    await expect(page.getByRole('article', { name: 'SCORECARD.md' })).toContainText('stage smoke: no counterpart in email-triage-v0.2.0');
    await shot(page, testInfo, '03-pipeline-card');

    // Publish: the plan shows the card it will write; once the hub is approved, it publishes.
    await openRunTab(page, 'Publish');
    await expect(page.getByRole('figure', { name: /Changes to .*SCORECARD\.md/ })).toContainText('Eval Scorecard v0.3.0');
    await expect(page.getByText(/has no rendered scorecard/)).toHaveCount(0);
    trustHub(c.home, hub);
    await page.reload();
    const publish = page.getByRole('button', { name: 'Publish', exact: true });
    await expect(publish).toBeEnabled({ timeout: 15_000 });
    await shot(page, testInfo, '04-pipeline-publish-plan');
    await publish.click();
    await expect(page.getByRole('link', { name: 'Open the published scorecard' })).toBeVisible({ timeout: 30_000 });
    await shot(page, testInfo, '05-pipeline-published');
  } finally {
    await stopConsole(c);
    await stopHub(hub);
  }
});
