/**
 * `greenlight serve` as a newcomer meets it: `--keep` keeps port and token across restarts in
 * an owner-only file, an old tab gets a page saying how to get back in (not raw JSON), and
 * `npm start` stopped with SIGTERM stops the console it started.
 */
import { describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, tempDir } from '../helpers/cli';

function waitUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (d: Buffer): void => {
      out += d.toString();
      const m = /Greenlight console: (\S+)/.exec(out);
      if (m) resolve(m[1]!);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', () => reject(new Error(`ended before printing a URL: ${out}`)));
  });
}

function serve(home: string, args: string[]): ChildProcess {
  return spawn(process.execPath, [join(ROOT, 'out/main/cli.js'), 'serve', ...args], { env: { ...process.env, GREENLIGHT_HOME: home }, stdio: ['ignore', 'pipe', 'pipe'] });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

describe('greenlight serve sessions', () => {
  it('--keep reopens on the same port with the same token, kept in a 0600 file in the data folder', { timeout: 60_000 }, async () => {
    const home = tempDir('greenlight-keep-');
    const first = serve(home, ['--keep']);
    const url1 = await waitUrl(first).finally(() => undefined);
    await stop(first);
    const file = join(home, 'console-session.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const kept = JSON.parse(readFileSync(file, 'utf8')) as { port: number; token: string };
    expect(url1).toBe(`http://127.0.0.1:${kept.port}/?token=${kept.token}`);
    const second = serve(home, ['--keep']);
    try {
      expect(await waitUrl(second)).toBe(url1);
      // A bookmark made before the restart still opens the console.
      const res = await fetch(url1, { redirect: 'manual' });
      expect(res.status).toBe(303);
    } finally {
      await stop(second);
    }
  });

  it('without --keep the token changes, and an old tab gets a page saying how to get back in', { timeout: 60_000 }, async () => {
    const home = tempDir('greenlight-nokeep-');
    const first = serve(home, []);
    const url1 = await waitUrl(first);
    await stop(first);
    const port = new URL(url1).port;
    const second = serve(home, ['--port', port]);
    try {
      const url2 = await waitUrl(second);
      expect(url2).not.toBe(url1);
      const res = await fetch(`http://127.0.0.1:${port}/#/runs`, { headers: { cookie: `greenlight_token_${port}=${new URL(url1).searchParams.get('token')}` } });
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      const page = await res.text();
      expect(page).toContain('This tab lost its session');
      expect(page).toContain('greenlight serve --keep');
      // API calls still answer JSON, for scripts.
      const api = await fetch(`http://127.0.0.1:${port}/api/call/app.info`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(api.headers.get('content-type')).toMatch(/json/);
    } finally {
      await stop(second);
    }
  });

  it('npm start stopped with SIGTERM stops the console too', { timeout: 60_000 }, async () => {
    const home = tempDir('greenlight-npmstart-');
    const npm = spawn('npm', ['start', '--silent'], { cwd: ROOT, env: { ...process.env, GREENLIGHT_HOME: home, GREENLIGHT_BROWSER_CONSOLE: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    const url = await waitUrl(npm);
    expect((await fetch(url, { redirect: 'manual' })).status).toBe(303);
    await stop(npm);
    // The console child goes too: its port stops answering within a few seconds.
    let up = true;
    for (let i = 0; i < 40 && up; i++) {
      await new Promise((r) => setTimeout(r, 250));
      up = await fetch(url, { redirect: 'manual' }).then(() => true, () => false);
    }
    expect(up).toBe(false);
  });
});
