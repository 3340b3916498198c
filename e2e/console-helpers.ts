/** Shared steps of the console flows: open the example project, start its eval, wait for the end. */
import { expect, type Page, type TestInfo } from '@playwright/test';

export async function shot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
}

/** From the Projects view, open the example project's page. */
export async function openExample(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Projects' }).click();
  await page.getByRole('link', { name: 'email-triage' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'email-triage' })).toBeVisible();
}

/** Start the example's eval from its project page; returns on the run's page. */
export async function startEval(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Run benchmark' }).click();
  await expect(page).toHaveURL(/#\/runs\/[^/]+$/);
}

export async function waitForDecision(page: Page): Promise<void> {
  await expect(page.getByRole('status', { name: 'Decision' })).toBeVisible({ timeout: 60_000 });
}

/** Open the example, run its eval and wait for the decision (and check it when `expected` is given). */
export async function runExampleToDecision(page: Page, expected?: string): Promise<void> {
  await openExample(page);
  await startEval(page);
  await waitForDecision(page);
  if (expected !== undefined) await expect(page.getByRole('status', { name: 'Decision' })).toContainText(expected);
}

/** Switch to one of a run page's sections (Run, Scorecard, Compare, Publish). */
export async function openRunTab(page: Page, name: 'Run' | 'Scorecard' | 'Compare' | 'Publish'): Promise<void> {
  await page.getByRole('navigation', { name: 'Run sections' }).getByRole('link', { name }).click();
}

export function runIdOf(page: Page): string {
  const m = /#\/runs\/([^/]+)/.exec(page.url());
  if (!m?.[1]) throw new Error(`not on a run page: ${page.url()}`);
  return decodeURIComponent(m[1]);
}
