import { test, expect } from './fixtures';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

test('the console opens with the token and shows the bundled example project', async ({ page, console: c }) => {
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Projects' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Runs' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'email-triage' })).toBeVisible();
  // The token left the address bar for an HttpOnly cookie, and never reached the log.
  expect(page.url()).not.toContain('token=');
  const output = c.output();
  expect(output.split(c.token).length - 1).toBe(1); // only the one URL line prints it
});

test('the page keeps working after the token left the URL: opening a folder lists it', async ({ page }) => {
  await page.getByLabel('Open a project folder').fill('/definitely/not/here');
  await page.getByRole('button', { name: 'Open' }).click();
  await expect(page.getByRole('alert')).toContainText('not a folder');
});

test('requests without the token, or with a foreign Host, are refused', async ({ console: c }) => {
  const noToken = await fetch(`${c.origin}/api/call/app.info`, { method: 'POST', body: '{}' });
  expect([401, 403]).toContain(noToken.status);
  const page = await fetch(`${c.origin}/`);
  expect([401, 403]).toContain(page.status);
  const port = new URL(c.origin).port;
  const { request } = await import('node:http');
  const status = await new Promise<number>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: `/?token=${c.token}`, headers: { Host: `attacker.example:${port}` } },
      (res) => resolve(res.statusCode ?? 0),
    );
    req.on('error', reject);
    req.end();
  });
  expect([403, 421]).toContain(status);
  const crossOrigin = await fetch(`${c.origin}/api/call/projects.open`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${c.token}`, Origin: 'http://evil.example', 'Content-Type': 'application/json' },
    body: JSON.stringify({ path: '/tmp' }),
  });
  expect(crossOrigin.status).toBe(403);
});

test('a project with a broken greenlight.yaml names the field, and the Evaluate panel says why nothing can run', async ({ page }, testInfo) => {
  const dir = mkdtempSync(join(tmpdir(), 'greenlight-broken-'));
  writeFileSync(join(dir, 'greenlight.yaml'), 'project: broken\nevals:\n  - name: x\n    command: [node, run.js]\ngates:\n  - {name: a, direction: sideways, thresholds: {first_sft: 0.5}}\n');
  await page.getByLabel('Open a project folder').fill(dir);
  await page.getByRole('button', { name: 'Open' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'broken' })).toBeVisible();
  await expect(page.getByText('greenlight.yaml has problems')).toBeVisible();
  await expect(page.getByText(/greenlight\.yaml:6: gates\[a\]\.direction: expected min or max/).first()).toBeVisible();
  // The Evaluate panel was silently empty: no Run button and no reason.
  await expect(page.getByRole('button', { name: /^Run / })).toHaveCount(0);
  await expect(page.getByRole('alert').filter({ hasText: 'No eval can be started' })).toContainText('direction');
  await page.screenshot({ path: testInfo.outputPath('broken-yaml.png'), fullPage: true });
});

test('a cold load asks for the first screen once, without waiting for the app bundle (public/early.js)', async ({ browser, console: c }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const calls: Array<{ name: string; at: number }> = [];
  page.on('request', (r) => {
    const at = r.url().indexOf('/api/call/');
    if (at >= 0) calls.push({ name: r.url().slice(at + '/api/call/'.length), at: Date.now() });
  });
  // Hold the app's bundle back: the first screen's calls must already be on their way.
  let bundleReleasedAt = Infinity;
  await page.route(/\/assets\/index-[\w-]+\.js$/, async (route) => {
    await new Promise((r) => setTimeout(r, 1500));
    bundleReleasedAt = Date.now();
    await route.continue();
  });
  await page.goto(c.url);
  await expect(page.getByRole('heading', { name: 'email-triage' })).toBeVisible();
  const list = calls.filter((x) => x.name === 'projects.list');
  const info = calls.filter((x) => x.name === 'app.info');
  // Once each: the app adopted the answers instead of asking again.
  expect(list).toHaveLength(1);
  expect(info).toHaveLength(1);
  expect(list[0]!.at).toBeLessThan(bundleReleasedAt);
  expect(info[0]!.at).toBeLessThan(bundleReleasedAt);
  await context.close();
});
