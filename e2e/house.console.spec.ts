import { test, expect } from './fixtures';

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
