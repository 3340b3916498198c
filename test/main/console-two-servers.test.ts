/**
 * Two browser consoles on one machine (two `greenlight serve`, two ports) and one browser:
 * cookies are scoped to the host, not the port, so both sessions share one cookie jar. Opening
 * the second console must not log the first one out.
 */
import { request } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { closeContext, createContext, type AppContext } from '../../src/main/context/context';
import { startConsoleServer, type ConsoleServer } from '../../src/main/web/server';
import { tempDir } from '../helpers/cli';

let ctx: AppContext;
const servers: ConsoleServer[] = [];
const saved = process.env.GREENLIGHT_HOME;

/** A browser's jar for 127.0.0.1: one value per cookie name, whatever the port. */
const jar = new Map<string, string>();
const jarHeader = (): string => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');

function get(srv: ConsoleServer, path: string, extra: Record<string, string> = {}, method = 'GET', body?: string): Promise<number> {
  return new Promise((resolveStatus, reject) => {
    const headers: Record<string, string> = { host: `127.0.0.1:${srv.port}`, ...extra };
    if (jar.size) headers.cookie = jarHeader();
    const req = request({ host: '127.0.0.1', port: srv.port, method, path, headers }, (res) => {
      const set = res.headers['set-cookie'] ?? [];
      for (const c of set) {
        const pair = c.split(';')[0] ?? '';
        const i = pair.indexOf('=');
        if (i > 0) jar.set(pair.slice(0, i), pair.slice(i + 1));
      }
      res.resume();
      res.on('end', () => resolveStatus(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

beforeAll(async () => {
  process.env.GREENLIGHT_HOME = tempDir('greenlight-two-consoles-');
  ctx = createContext({ face: 'browser', root: process.cwd() });
  const staticDir = join(tempDir('greenlight-site-'), 'renderer');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>console</title>');
  for (let i = 0; i < 2; i++) servers.push(await startConsoleServer(ctx, { staticDir }));
});

afterAll(async () => {
  for (const s of servers) await s.close();
  closeContext(ctx);
  process.env.GREENLIGHT_HOME = saved;
});

it('two consoles on 127.0.0.1 with one cookie jar both keep their session', async () => {
  const [a, b] = servers as [ConsoleServer, ConsoleServer];
  expect(a.port).not.toBe(b.port);
  // Open the first console's URL, then the second's, as a person would from two terminals.
  expect(await get(a, `/?token=${a.token}`)).toBe(303);
  expect(await get(a, '/')).toBe(200);
  expect(await get(b, `/?token=${b.token}`)).toBe(303);
  expect(jar.size).toBe(2);
  // Back to the first tab: still signed in, for pages and for calls; and the second too.
  for (const s of [a, b]) {
    expect(await get(s, '/')).toBe(200);
    const own = { 'content-type': 'application/json', origin: `http://127.0.0.1:${s.port}` };
    expect(await get(s, '/api/call/app.info', own, 'POST', '{}')).toBe(200);
  }
  // Each cookie is its own console's: the jar never authenticates one console with the other's token.
  jar.clear();
  expect(await get(b, `/?token=${b.token}`)).toBe(303);
  expect(await get(a, '/')).toBe(401);
});
