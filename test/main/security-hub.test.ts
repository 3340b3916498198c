/** The reference hub under attack: traversal in id/version, bad encodings, and what leaks into messages. */
import { request } from 'node:http';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHubServer, type HubServer } from '../../src/main/hub/server';
import { publishToHub, redact } from '../../src/main/hub/client';
import { parseReleaseConfig } from '../../src/core/project/releases';
import { tempDir } from '../helpers/cli';

const TOKEN = 'hub-token-0123456789';
let hub: HubServer;
let site = '';

beforeAll(async () => {
  site = tempDir('greenlight-hub-sec-');
  mkdirSync(join(site, 'hub'));
  writeFileSync(join(site, 'SCORECARD.md'), 'OUTSIDE-THE-HUB');
  mkdirSync(join(site, 'x', '1.0.0'), { recursive: true });
  writeFileSync(join(site, 'x', '1.0.0', 'SCORECARD.md'), 'OUTSIDE-THE-HUB');
  hub = await startHubServer({ dir: join(site, 'hub'), tokens: [TOKEN], maxBytes: 16 * 1024 });
});
afterAll(() => hub.close());

function get(path: string): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  const u = new URL(hub.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, path, method: 'GET' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

const publish = (manifest: object) =>
  publishToHub({ url: hub.url, token: TOKEN, manifest: manifest as { id: string; name: string; version: string }, scorecard: '---\nx: 1\n---\n' });

describe('reference hub', () => {
  it('refuses ids and versions that would leave agents/ on publish', async () => {
    for (const m of [
      { id: '../../x', name: 'n', version: '1.0.0' },
      { id: '..', name: 'n', version: '1.0.0' },
      { id: '/tmp/x', name: 'n', version: '1.0.0' },
      { id: 'a/b', name: 'n', version: '1.0.0' },
      { id: 'ok', name: 'n', version: '../../1.0.0' },
      { id: 'ok', name: 'n', version: '1.0.0/../../..' },
      { id: 'ok', name: 'n', version: '1.0.0-..' },
    ]) {
      const r = await publish(m);
      expect([JSON.stringify(m), r.ok && 'accepted']).toEqual([JSON.stringify(m), false]);
      if (!r.ok) expect(r.httpStatus).toBe(400);
    }
    expect(readdirSync(join(site, 'hub', 'agents'))).toEqual([]);
    expect(readdirSync(site).sort()).toEqual(['SCORECARD.md', 'hub', 'x']);
  });

  it('GET cannot read outside the hub folder, and a malformed encoding is a 404, not a 500', async () => {
    for (const path of [
      '/agents/..%2f..%2fx/1.0.0/SCORECARD.md',
      '/agents/..%2F..%2F/x/SCORECARD.md',
      '/agents/%2e%2e/%2e%2e/SCORECARD.md',
      '/agents/..%5c..%5cx/1.0.0/SCORECARD.md',
      '/agents/x/..%2f..%2f..%2f/SCORECARD.md',
      '/../x/1.0.0/SCORECARD.md',
      '/agents/%E0%A4%A/1.0.0/SCORECARD.md',
      '/..%2fSCORECARD.md',
    ]) {
      const r = await get(path);
      expect([path, r.status]).toEqual([path, 404]);
      expect(r.body).not.toContain('OUTSIDE-THE-HUB');
      expect(r.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('never repeats URL credentials or the token in a client message', async () => {
    const r = await publishToHub({ url: 'http://alice:s3cret-pass@127.0.0.1:1', token: TOKEN, manifest: { id: 'a', name: 'a', version: '1.0.0' }, scorecard: 'x' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message).not.toContain('s3cret-pass');
      expect(r.message).not.toContain(TOKEN);
    }
    expect(redact(`hub https://bob:pw@hub.example/publish said ${TOKEN}`, TOKEN)).toBe('hub https://***@hub.example/publish said ***');
  });

  it('a hub URL with a user or password is refused in greenlight.yaml (tokens live in token_env)', () => {
    const r = parseReleaseConfig({ publish: { hub: { url: 'https://ci:hunter22@hub.example/' } } }, 'greenlight.yaml');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]?.path).toBe('publish.hub.url');
    expect(parseReleaseConfig({ publish: { hub: { url: 'https://hub.example/' } } }).ok).toBe(true);
  });
});
