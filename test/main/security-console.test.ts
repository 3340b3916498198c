/**
 * The browser console host can start processes: a real server on 127.0.0.1, attacked the
 * way a hostile web page, a DNS-rebinding site or a curious local user would.
 */
import { request } from 'node:http';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeContext, createContext, type AppContext } from '../../src/main/context/context';
import { isMutating } from '../../src/main/api';
import { CALL_NAMES } from '../../src/shared/contract';
import { startConsoleServer, type ConsoleServer } from '../../src/main/web/server';
import { tokenCookieName } from '../../src/main/web/guard';
import { tempDir } from '../helpers/cli';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

let ctx: AppContext;
let srv: ConsoleServer;
let host = '';
let cookie = '';
let projectDir = '';
const logged: string[] = [];
const saved = process.env.GREENLIGHT_HOME;

function send(method: string, path: string, headers: Record<string, string> = {}, body?: string | Buffer): Promise<Reply> {
  return new Promise((resolveReply, reject) => {
    const req = request({ host: '127.0.0.1', port: srv.port, method, path, headers: { host, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolveReply({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** Read only the status and headers (for the SSE stream, which never ends). */
function head(path: string, headers: Record<string, string>): Promise<Reply> {
  return new Promise((resolveReply, reject) => {
    const req = request({ host: '127.0.0.1', port: srv.port, method: 'GET', path, headers: { host, ...headers } }, (res) => {
      resolveReply({ status: res.statusCode ?? 0, headers: res.headers, body: '' });
      res.destroy();
    });
    req.on('error', reject);
    req.end();
  });
}

const json = { 'content-type': 'application/json' };
const own = (): Record<string, string> => ({ ...json, cookie, origin: `http://${host}` });

beforeAll(async () => {
  process.env.GREENLIGHT_HOME = tempDir('greenlight-console-sec-');
  ctx = createContext({ face: 'browser', root: process.cwd() });
  const site = tempDir('greenlight-site-');
  const staticDir = join(site, 'renderer');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>console</title>');
  writeFileSync(join(site, 'secret.txt'), 'TOP-SECRET-NEIGHBOUR');
  projectDir = tempDir('greenlight-sec-project-');
  writeFileSync(join(projectDir, 'greenlight.yaml'), `project: sec\nevals:\n  - name: touch\n    command: [${JSON.stringify(process.execPath)}, -e, "require('fs').writeFileSync('pwned', '1')"]\n    gpu: none\n`);
  srv = await startConsoleServer(ctx, { staticDir, log: (l) => logged.push(l) });
  host = `127.0.0.1:${srv.port}`;
  cookie = `${tokenCookieName(srv.port)}=${srv.token}`;
});

afterAll(async () => {
  await srv.close();
  closeContext(ctx);
  process.env.GREENLIGHT_HOME = saved;
});

describe('browser console host', () => {
  it('checks the Host header on every path, even with the right token (DNS rebinding)', async () => {
    const evil = { host: `evil.example:${srv.port}`, cookie };
    expect((await send('GET', '/', evil)).status).toBe(421);
    expect((await send('GET', '/assets/app.js', evil)).status).toBe(421);
    expect((await head('/api/events', evil)).status).toBe(421);
    expect((await send('POST', '/api/call/app.info', { ...evil, ...json }, '{}')).status).toBe(421);
    expect((await send('GET', '/', { host: `127.0.0.1:${srv.port + 1}`, cookie })).status).toBe(421);
  });

  it('answers 401 without the token on static files, events and calls', async () => {
    expect((await send('GET', '/')).status).toBe(401);
    expect((await head('/api/events', {})).status).toBe(401);
    expect((await send('POST', '/api/call/app.info', json, '{}')).status).toBe(401);
    expect((await send('GET', '/', { cookie: 'greenlight_token=wrong' })).status).toBe(401);
    expect((await head('/api/events', { cookie })).status).toBe(200);
    // A malformed % escape in the cookie is no token: 401, not a 500 (issue 12).
    for (const bad of ['%', '%zz', `${srv.token}%E0%A4%A`]) {
      expect((await send('GET', '/', { cookie: `${tokenCookieName(srv.port)}=${bad}` })).status, bad).toBe(401);
      expect((await send('POST', '/api/call/app.info', { ...json, cookie: `${tokenCookieName(srv.port)}=${bad}` }, '{}')).status, bad).toBe(401);
    }
  });

  it('moves the query token into an HttpOnly SameSite=Strict cookie and out of the address bar', async () => {
    const r = await send('GET', `/?token=${srv.token}&x=1`);
    expect(r.status).toBe(303);
    expect(r.headers.location).toBe('/?x=1');
    const set = String(r.headers['set-cookie']);
    expect(set).toMatch(/HttpOnly/);
    expect(set).toMatch(/SameSite=Strict/);
    expect(set).toMatch(/Path=\//);
  });

  it('marks every call that starts a process, writes or stores as mutating', () => {
    const readOnly = new Set([
      'app.info', 'projects.list', 'runs.list', 'runs.get', 'runs.log', 'runs.telemetry', 'runs.evals', 'runs.pipeline', 'runs.stages', 'runs.noiseFloor', 'items.list', 'items.get', 'items.flips',
      'console.project', 'console.evaluation', 'releases.list', 'releases.diff', 'diff.run', 'publish.plan', 'publish.status', 'report.html',
    ]);
    for (const name of CALL_NAMES) expect([name, isMutating(name)]).toEqual([name, !readOnly.has(name)]);
    for (const name of ['runs.start', 'runs.cancel', 'runs.import', 'projects.open', 'projects.init', 'publish.run', 'publish.token.set', 'console.pickFolder']) {
      expect([name, isMutating(name)]).toEqual([name, true]);
    }
    expect(isMutating('no.such.call')).toBe(true);
  });

  it('refuses a mutating call from another origin, or from a browser that sends no Origin', async () => {
    const body = JSON.stringify({ path: projectDir });
    for (const origin of ['http://evil.example', 'null', `http://127.0.0.1:${srv.port + 1}`, `https://${host}`]) {
      const r = await send('POST', '/api/call/projects.open', { ...json, cookie, origin }, body);
      expect([origin, r.status]).toEqual([origin, 403]);
    }
    expect((await send('POST', '/api/call/projects.open', { ...json, cookie }, body)).status).toBe(403);
    const list = await send('POST', '/api/call/projects.list', { ...json, cookie }, '{}');
    expect(JSON.parse(list.body).value).toEqual([]);
  });

  it('a cross-site <form> POST (text/plain, cookie, no usable Origin) cannot start a run', async () => {
    const opened = await send('POST', '/api/call/projects.open', own(), JSON.stringify({ path: projectDir }));
    expect(opened.status).toBe(200);
    const projectId = (JSON.parse(opened.body) as { value: { id: string } }).value.id;
    const form = `{"projectId":"${projectId}","x":"=1"}`;
    for (const extra of [{}, { origin: 'http://evil.example' }, { origin: 'null' }] as Array<Record<string, string>>) {
      const r = await send('POST', '/api/call/runs.start', { 'content-type': 'text/plain', cookie, ...extra }, form);
      expect(r.status).toBe(403);
    }
    // Even from our own origin, a body that is not declared JSON is refused: only fetch with
    // application/json (which a cross-site page cannot send without a CORS preflight) is read.
    const plain = await send('POST', '/api/call/runs.start', { ...own(), 'content-type': 'text/plain' }, form);
    expect(plain.status).toBe(415);
    const runs = await send('POST', '/api/call/runs.list', { ...json, cookie }, '{}');
    expect(JSON.parse(runs.body).value.total).toBe(0);
    expect(existsSync(join(projectDir, 'pwned'))).toBe(false);
  });

  it('serves static files only from the renderer folder', async () => {
    const attempts = [
      '/..%2fsecret.txt',
      '/..%2f..%2f..%2f..%2f..%2fetc%2fpasswd',
      '/..%2f..%2f..%2f..%2f..%2fetc/passwd',
      '/%2e%2e/secret.txt',
      '/%2e%2e%2fsecret.txt',
      '/..%5csecret.txt',
      '/..%5c..%5c..%5cetc%5cpasswd',
      '//etc/passwd',
      `/${encodeURIComponent(join(projectDir, 'greenlight.yaml'))}`,
      '/%00/../secret.txt',
      '/%E0%A4%A',
    ];
    for (const path of attempts) {
      const r = await send('GET', path, { cookie });
      expect([path, r.body]).not.toContainEqual(expect.stringMatching(/TOP-SECRET|root:|project: sec/));
      expect([path, r.status]).not.toEqual([path, 500]);
    }
  });

  it('limits request bodies to 1 MiB with a 413', async () => {
    const big = Buffer.alloc((1 << 20) + 10, 0x20);
    const r = await send('POST', '/api/call/app.info', { ...json, cookie }, big);
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body).error.message).toMatch(/too large/);
  });

  it('answers errors as JSON without stack traces, and never allows CORS', async () => {
    const bad = await send('POST', '/api/call/app.info', { ...json, cookie }, '{not json');
    expect(bad.status).toBe(400);
    const unknown = await send('POST', '/api/call/nope', own(), '{}');
    expect(unknown.status).toBe(404);
    const badName = await send('POST', '/api/call/%E0%A4%A', own(), '{}');
    expect(badName.status).toBe(404);
    const preflight = await send('OPTIONS', '/api/call/runs.start', { origin: 'http://evil.example', 'access-control-request-method': 'POST', cookie });
    for (const r of [bad, unknown, badName, preflight]) {
      expect(r.headers['access-control-allow-origin']).toBeUndefined();
      expect(r.headers['access-control-allow-credentials']).toBeUndefined();
      expect(r.body).not.toMatch(/\n\s+at |node:internal|\.ts:\d+/);
    }
    const page = await send('GET', '/', { cookie });
    expect(page.headers['access-control-allow-origin']).toBeUndefined();
    expect(page.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
  });

  it('never writes the token into its log', async () => {
    await send('POST', `/api/call/%E0%A4%A?token=${srv.token}`, { ...json, cookie, origin: `http://${host}` }, '{}');
    await send('GET', `/%E0%A4%A?token=${srv.token}`);
    expect(logged.join('\n')).not.toContain(srv.token);
  });
});
