/**
 * Projects and the release flow as a newcomer meets them (issue 15): a folder without
 * greenlight.yaml is offered `greenlight init`, twins of one name show their folders, a
 * project can be forgotten, Trends plot candidate runs with interval bands, and a run of an
 * already-released version says so from the start while Publish lists every refusal up front.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from './fixtures';
import { openExample, openRunTab, runExampleToDecision, shot } from './console-helpers';

test('open, tell twins apart, forget; a folder without greenlight.yaml is offered init', async ({ page, browser, console: c }, testInfo) => {
  const twins = [join(c.home, 'checkouts', 'a', 'twin'), join(c.home, 'checkouts', 'b', 'twin')];
  for (const dir of twins) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'greenlight.yaml'), 'project: twin\n');
  }
  const bare = join(c.home, 'checkouts', 'bare');
  mkdirSync(bare, { recursive: true });
  const open = async (dir: string): Promise<void> => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Projects' }).click();
    await page.getByLabel('Open a project folder').fill(dir);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
  };
  await open(bare);
  const offer = page.getByRole('alert', { name: 'No greenlight.yaml' });
  await expect(offer).toContainText(`${bare} has no greenlight.yaml yet`);
  await expect(offer).toContainText(`greenlight init ${bare}`);
  await expect(offer.getByRole('button', { name: 'Make greenlight.yaml…' })).toBeVisible();
  await shot(page, testInfo, '01-offer-init');
  // Nothing broken was added.
  await expect(page.getByRole('list', { name: 'Recent projects' }).getByRole('article')).toHaveCount(1);

  for (const dir of twins) {
    await open(dir);
    await expect(page.getByRole('heading', { level: 1, name: 'twin' })).toBeVisible();
  }
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Projects' }).click();
  for (const dir of twins) await expect(page.getByRole('article', { name: `twin (${dir})` })).toBeVisible();
  await shot(page, testInfo, '02-twins-light');
  const dark = await browser.newContext({ colorScheme: 'dark', viewport: { width: 800, height: 900 } });
  const p = await dark.newPage();
  await p.goto(c.url);
  await expect(p.getByRole('article', { name: `twin (${twins[0]})` })).toBeVisible();
  await shot(p, testInfo, '03-twins-dark-800');
  await dark.close();

  await page.getByRole('button', { name: `Forget twin (${twins[0]})` }).click();
  await expect(page.getByRole('article', { name: /^twin/ })).toHaveCount(1);
  // The one left has no twin now: its plain name again. Reloading keeps it forgotten.
  await page.reload();
  await expect(page.getByRole('article', { name: 'twin', exact: true })).toBeVisible();
  await shot(page, testInfo, '04-after-forget');
});

test("init from the console: confirmed, it writes the CLI's greenlight.yaml and adds the project; refusals are inline", async ({ page, console: c }, testInfo) => {
  const bare = join(c.home, 'checkouts', 'my-agent');
  mkdirSync(bare, { recursive: true });
  writeFileSync(join(bare, 'package.json'), JSON.stringify({ name: 'my-agent', version: '0.4.0' }));
  const openFolder = async (dir: string): Promise<void> => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Projects' }).click();
    await page.getByLabel('Open a project folder').fill(dir);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
  };
  const offer = page.getByRole('alert', { name: 'No greenlight.yaml' });
  const confirm = async (): Promise<void> => {
    await offer.getByRole('button', { name: 'Make greenlight.yaml…' }).click();
    const group = offer.getByRole('group', { name: 'Confirm greenlight init' });
    await expect(group).toContainText(`Write ${bare}/greenlight.yaml?`);
    await group.getByRole('button', { name: 'Write greenlight.yaml and add the project' }).click();
  };
  await page.goto(c.url);
  await openFolder(bare);
  await expect(offer).toContainText(`${bare} has no greenlight.yaml yet`);
  // Cancel writes nothing.
  await offer.getByRole('button', { name: 'Make greenlight.yaml…' }).click();
  await shot(page, testInfo, '01-init-confirm');
  await offer.getByRole('button', { name: 'Cancel' }).click();
  expect(existsSync(join(bare, 'greenlight.yaml'))).toBe(false);

  // Someone wrote a greenlight.yaml meanwhile: refused inline, the file untouched.
  writeFileSync(join(bare, 'greenlight.yaml'), 'project: theirs\n');
  await confirm();
  const refusal = offer.getByRole('status', { name: 'greenlight init refused' });
  await expect(refusal).toHaveText(`${join(bare, 'greenlight.yaml')}: already exists; nothing written (greenlight init never overwrites a project file)`);
  expect(readFileSync(join(bare, 'greenlight.yaml'), 'utf8')).toBe('project: theirs\n');
  await shot(page, testInfo, '02-init-refused-exists');
  rmSync(join(bare, 'greenlight.yaml'));

  // The folder went away: not a folder.
  renameSync(bare, `${bare}-moved`);
  await confirm();
  await expect(refusal).toHaveText(`${bare}: not a folder (nothing is there)`);
  renameSync(`${bare}-moved`, bare);

  // Confirmed: the CLI's scaffold is written and the project opens.
  await confirm();
  await expect(page.getByRole('heading', { level: 1, name: 'my-agent' })).toBeVisible();
  expect(readFileSync(join(bare, 'greenlight.yaml'), 'utf8')).toMatch(/^# greenlight\.yaml — written by `greenlight init`/);
  await shot(page, testInfo, '03-init-project-added');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Projects' }).click();
  await expect(page.getByRole('article', { name: 'my-agent' })).toBeVisible();

  // A folder nobody may write to (sysfs refuses even root; elsewhere a 0555 folder).
  const locked = process.getuid?.() === 0 ? '/sys/kernel' : join(c.home, 'checkouts', 'locked');
  if (locked !== '/sys/kernel') {
    mkdirSync(locked, { recursive: true });
    chmodSync(locked, 0o555);
  }
  await openFolder(locked);
  await offer.getByRole('button', { name: 'Make greenlight.yaml…' }).click();
  await offer.getByRole('button', { name: 'Write greenlight.yaml and add the project' }).click();
  await expect(refusal).toHaveText(new RegExp(`^${locked}: the folder is not writable \\((EACCES|EPERM|EROFS)\\); nothing written$`));
  await shot(page, testInfo, '04-init-refused-unwritable');
  await expect(page.getByRole('list', { name: 'Recent projects' }).getByRole('article')).toHaveCount(2);
});

test('Trends plot the candidate run with interval bands; a released version says so, and Publish lists every refusal', async ({ page, browser, console: c }, testInfo) => {
  await runExampleToDecision(page, 'ACCEPT');
  await openExample(page);
  const trend = page.getByRole('figure', { name: /weighted_accuracy \(out of 100\) across releases and candidates/ });
  await expect(trend).toBeVisible();
  await expect(trend).toContainText('0.3.0 (candidate)');
  await expect(trend).toContainText('0.2.0');
  // The bands are drawn (an area per series), and the two identical series are both in the legend.
  await expect(trend.locator('.recharts-area')).toHaveCount(1);
  const metrics = page.getByRole('figure', { name: 'Chosen metrics across releases and candidates' });
  await expect(metrics.locator('.recharts-line')).toHaveCount(await metrics.locator('.recharts-legend-item').count());
  await trend.scrollIntoViewIfNeeded();
  await shot(page, testInfo, '01-trends-light');
  const dark = await browser.newContext({ colorScheme: 'dark', viewport: { width: 800, height: 900 } });
  const d = await dark.newPage();
  await d.goto(c.url);
  await openExample(d);
  await expect(d.getByRole('figure', { name: /across releases and candidates/ }).first()).toBeVisible();
  await shot(d, testInfo, '02-trends-dark-800');
  await dark.close();

  // A run of 0.2.0, which is released: said on the run page from the start.
  const pkg = join(c.home, 'examples', 'email-triage', 'package.json');
  writeFileSync(pkg, readFileSync(pkg, 'utf8').replace(/"version": "[^"]+"/, '"version": "0.2.0"'));
  await runExampleToDecision(page);
  await expect(page.getByRole('note', { name: 'Already released' })).toContainText('0.2.0 is already released (tag email-triage-v0.2.0)');
  await openRunTab(page, 'Publish');
  const refused = page.getByRole('alert', { name: 'Publishing is refused' });
  await expect(refused).toContainText('0.2.0 is already released (tag email-triage-v0.2.0)');
  await shot(page, testInfo, '03-publish-refusals-up-front');
});
