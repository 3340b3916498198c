/** The reference hub's protocol: seed 001's POST /publish, the index, and its error answers. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { startHubServer, type HubServer } from '../../../src/main/hub/server';
import { publishToHub } from '../../../src/main/hub/client';
import { boundaryOf, parseMultipart } from '../../../src/main/hub/multipart';
import { ROOT, tempDir } from '../../helpers/cli';
import { card } from '../../helpers/release-repo';

const TOKEN = 'tok-abcdef-123456';
let hub: HubServer;
let dir: string;

beforeAll(async () => {
  dir = tempDir('greenlight-hub-');
  hub = await startHubServer({ dir, tokens: ['other-token', TOKEN], maxBytes: 64 * 1024 });
});
afterAll(() => hub.close());

const manifest = { id: 'email-triage', name: 'Email Triage', version: '1.0.0' };
const form = (m: object, scorecard: string): FormData => {
  const f = new FormData();
  f.append('manifest', new Blob([JSON.stringify(m)], { type: 'application/json' }));
  f.append('eval_scorecard', new Blob([scorecard]), 'SCORECARD.md');
  return f;
};
const post = (body: FormData | string, headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` }) => fetch(`${hub.url}/publish`, { method: 'POST', headers, body });

describe('reference hub', () => {
  it('publishes, serves the exact bytes, and lists eval_score and eval_scorecard_url', async () => {
    const text = card({ version: '1.0.0', successes: 46 });
    const r = await publishToHub({ url: hub.url, token: TOKEN, manifest, scorecard: text });
    expect(r).toMatchObject({ ok: true, status: 'created', evalScore: 46 });
    const index = (await (await fetch(`${hub.url}/index.json`)).json()) as { agents: Array<Record<string, unknown>> };
    expect(index.agents).toEqual([expect.objectContaining({ id: 'email-triage', name: 'Email Triage', latest_version: '1.0.0', eval_score: 46, eval_scorecard_url: `${hub.url}/agents/email-triage/1.0.0/SCORECARD.md` })]);
    const served = await fetch(String(index.agents[0]?.eval_scorecard_url));
    expect(served.headers.get('content-type')).toContain('text/markdown');
    expect(await served.text()).toBe(text);
  });

  it('identical re-publish is idempotent; different content is 409', async () => {
    const text = card({ version: '1.0.0', successes: 46 });
    expect(await publishToHub({ url: hub.url, token: TOKEN, manifest, scorecard: text })).toMatchObject({ ok: true, status: 'unchanged' });
    const other = await post(form(manifest, card({ version: '1.0.0', successes: 47 })));
    expect(other.status).toBe(409);
    expect(readFileSync(join(dir, 'agents/email-triage/1.0.0/SCORECARD.md'), 'utf8')).toBe(text);
  });

  it('401 without a valid token, and the client never repeats the token', async () => {
    expect((await post(form(manifest, 'x'), {})).status).toBe(401);
    expect((await post(form(manifest, 'x'), { authorization: 'Bearer wrong' })).status).toBe(401);
    const r = await publishToHub({ url: hub.url, token: 'a-wrong-token-xyz', manifest, scorecard: 'x' });
    expect(r).toMatchObject({ ok: false, httpStatus: 401 });
    expect(JSON.stringify(r)).not.toContain('a-wrong-token-xyz');
  });

  it('415 for a body that is not multipart, 413 over the size limit, 400 for a bad manifest', async () => {
    expect((await post(JSON.stringify(manifest), { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' })).status).toBe(415);
    expect((await post(form(manifest, 'x'.repeat(70 * 1024)))).status).toBe(413);
    const bad = await post(form({ id: '../etc', name: 'x', version: '1.0' }, 'x'));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/manifest: id: .*version/);
    expect((await fetch(`${hub.url}/agents/..%2F..%2Fetc/1.0.0/SCORECARD.md`)).status).toBe(404);
    expect(readdirSync(join(dir, 'agents'))).toEqual(['email-triage']);
    expect(existsSync(join(dir, '.staging')) ? readdirSync(join(dir, '.staging')) : []).toEqual([]);
  });

  it('a body far over the limit is answered 413, not a reset connection', async () => {
    for (let i = 0; i < 3; i++) {
      const r = await post(form(manifest, 'x'.repeat(8 * 1024 * 1024)));
      expect(r.status).toBe(413);
      expect(((await r.json()) as { error: string }).error).toMatch(/larger than 65536 bytes/);
    }
    // Streamed, with no declared length: the limit is found while reading.
    const chunk = new Uint8Array(256 * 1024).fill(120);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        if (sent >= 8 * 1024 * 1024) return c.close();
        sent += chunk.length;
        c.enqueue(chunk);
      },
    });
    const r = await fetch(`${hub.url}/publish`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'multipart/form-data; boundary=b' }, body: stream, duplex: 'half' } as RequestInit);
    expect(r.status).toBe(413);
  });

  it('parses multipart bodies with quoted boundaries and binary parts', () => {
    const b = boundaryOf('multipart/form-data; boundary="ab c"');
    expect(b).toBe('ab c');
    const body = Buffer.concat([Buffer.from('--ab c\r\nContent-Disposition: form-data; name="artifact"; filename="a.bin"\r\n\r\n'), Buffer.from([0, 13, 10, 255]), Buffer.from('\r\n--ab c--\r\n')]);
    const parts = parseMultipart(body, 'ab c');
    expect(parts).toHaveLength(1);
    expect(parts[0]?.filename).toBe('a.bin');
    expect([...(parts[0]?.data ?? [])]).toEqual([0, 13, 10, 255]);
    expect(boundaryOf('application/json')).toBeNull();
  });

  it('`greenlight hub serve` takes tokens from a file or the environment, and refuses to start without one', async () => {
    const { runCli } = await import('../../helpers/cli');
    const none = runCli(['hub', 'serve', '--dir', tempDir()], { env: { GREENLIGHT_HUB_TOKENS: '' } });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no hub tokens');
    const child = spawn(process.execPath, [join(ROOT, 'out/main/cli.js'), 'hub', 'serve', '--dir', tempDir(), '--port', '0'], { env: { ...process.env, GREENLIGHT_HUB_TOKENS: 'envtok-1,envtok-2' } });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (c: Buffer) => {
          const m = /Greenlight hub: (\S+)/.exec(c.toString());
          if (m?.[1]) resolve(m[1]);
        });
        child.on('exit', () => reject(new Error('hub exited')));
      });
      const r = await publishToHub({ url, token: 'envtok-2', manifest: { ...manifest, version: '0.1.0' }, scorecard: card({ version: '0.1.0', successes: 10 }) });
      expect(r).toMatchObject({ ok: true, status: 'created', evalScore: 10 });
    } finally {
      child.kill('SIGTERM');
    }
  });
});
