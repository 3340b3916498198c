/**
 * The console's files over HTTP: hashed assets compressed (brotli, gzip, or plain when the
 * browser asks for neither) with a year's immutable caching; index.html revalidated each
 * load; the build's precompressed copy is used when it is current, never when stale.
 */
import { request } from 'node:http';
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeContext, createContext, type AppContext } from '../../src/main/context/context';
import { startConsoleServer, type ConsoleServer } from '../../src/main/web/server';
import { tokenCookieName } from '../../src/main/web/guard';
import { tempDir } from '../helpers/cli';

let ctx: AppContext;
let srv: ConsoleServer;
let staticDir = '';
const saved = process.env.GREENLIGHT_HOME;
const script = `console.log(${JSON.stringify('greenlight '.repeat(500))});\n`;

function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: srv.port, method: 'GET', path, headers: { host: `127.0.0.1:${srv.port}`, cookie: `${tokenCookieName(srv.port)}=${srv.token}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  process.env.GREENLIGHT_HOME = tempDir('greenlight-static-home-');
  ctx = createContext({ face: 'browser', root: process.cwd() });
  staticDir = tempDir('greenlight-static-');
  mkdirSync(join(staticDir, 'assets'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>console</title><script src="./assets/index-AbC123xy.js"></script>');
  writeFileSync(join(staticDir, 'assets', 'index-AbC123xy.js'), script);
  srv = await startConsoleServer(ctx, { staticDir });
});

afterAll(async () => {
  await srv.close();
  closeContext(ctx);
  process.env.GREENLIGHT_HOME = saved;
});

describe('console static files', () => {
  it('a hashed script: brotli when accepted, else gzip, else plain; cached for a year, immutable', async () => {
    const br = await get('/assets/index-AbC123xy.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers.vary).toBe('Accept-Encoding');
    expect(br.body.length).toBeLessThan(script.length / 5);
    expect(brotliDecompressSync(br.body).toString()).toBe(script);

    const gz = await get('/assets/index-AbC123xy.js', { 'accept-encoding': 'gzip, br;q=0' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(script);

    const plain = await get('/assets/index-AbC123xy.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(script);
  });

  it('index.html (and the single-page fallback) is revalidated on every load', async () => {
    for (const path of ['/', '/index.html', '/runs/some-deep-link']) {
      const r = await get(path, { 'accept-encoding': 'br' });
      expect(r.headers['cache-control']).toBe('no-cache');
      expect(r.headers['content-security-policy']).toBeTruthy();
      expect(brotliDecompressSync(r.body).toString()).toContain('<title>console</title>');
    }
  });

  it("uses the build's precompressed copy when current, never a stale one", async () => {
    const file = join(staticDir, 'assets', 'app-Zz99Yy88.js');
    writeFileSync(file, script);
    writeFileSync(`${file}.br`, brotliCompressSync(Buffer.from('PRECOMPRESSED')));
    const fresh = await get('/assets/app-Zz99Yy88.js', { 'accept-encoding': 'br' });
    expect(brotliDecompressSync(fresh.body).toString()).toBe('PRECOMPRESSED');
    // The file changed after its .br copy was written: the copy is stale and not served.
    const later = new Date(Date.now() + 60_000);
    writeFileSync(file, 'changed();\n');
    utimesSync(file, later, later);
    const changed = await get('/assets/app-Zz99Yy88.js', { 'accept-encoding': 'br' });
    expect(brotliDecompressSync(changed.body).toString()).toBe('changed();\n');
  });
});
