/**
 * A repository cannot send a secret to a host of its choosing (issue 12): a token goes only
 * over https or to loopback, only to a (hub origin, token variable) pair the user approved in
 * the data folder, and an eval process never inherits the hub token variables.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { startHubServer, type HubServer } from '../../src/main/hub/server';
import { hubOrigin, hubTrust } from '../../src/main/hub/trust';
import { runCli, tempDir } from '../helpers/cli';
import { git, makeRepo, recordRun, runCliAsync } from '../helpers/release-repo';
import { closeContext, evalYaml, makeProject, openStore, runEval } from '../main/runner/helpers';

const SECRET = 'aws-secret-value-9f8e7d6c';
let hub: HubServer;
let requests = 0;
let counter: Server;
let counterUrl = '';

beforeAll(async () => {
  hub = await startHubServer({ dir: tempDir('greenlight-hub-'), tokens: [SECRET] });
  // Stands in for the attacker's host: counts what reaches it.
  counter = createServer((req, res) => {
    requests++;
    req.resume();
    res.writeHead(201, { 'content-type': 'application/json' }).end('{"ok":true,"status":"created"}');
  });
  await new Promise<void>((r) => counter.listen(0, '127.0.0.1', r));
  counterUrl = `http://127.0.0.1:${(counter.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await hub.close();
  await new Promise((r) => counter.close(r));
});

const yaml = (url: string, tokenEnv: string) => `project: email-triage
version: {from: package.json}
scorecard: SCORECARD.md
releases: {tag_pattern: "agent-email-v{version}"}
publish:
  git: {push: false}
  hub: {url: "${url}", token_env: ${tokenEnv}, id: email-triage}
`;

describe('hub trust', () => {
  it('an unapproved (hub, variable) pair is refused in the plan with the line to run, and nothing is sent', async () => {
    const repo = makeRepo(yaml(counterUrl, 'AWS_SECRET_ACCESS_KEY'), '0.1.0');
    recordRun(repo, { version: '0.1.0', successes: 40, commit: git(repo.dir, 'rev-parse', 'HEAD').trim(), decision: 'ACCEPT' });
    const env = { AWS_SECRET_ACCESS_KEY: SECRET };
    const line = `greenlight hub trust ${counterUrl} --token-env AWS_SECRET_ACCESS_KEY`;
    const dry = await runCliAsync(['publish', '--project', repo.dir, '--dry-run'], { home: repo.home, env });
    expect(dry.code).toBe(1);
    expect(dry.stdout).toContain(`refused: hub: sending $AWS_SECRET_ACCESS_KEY to ${counterUrl} has not been approved; run: ${line}`);
    const r = await runCliAsync(['publish', '--project', repo.dir], { home: repo.home, env });
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain(line);
    expect(requests).toBe(0);
    // Refused before any step: nothing committed, nothing written.
    expect(git(repo.dir, 'log', '--oneline').trim().split('\n')).toHaveLength(1);
    expect(existsSync(join(repo.dir, 'SCORECARD.md'))).toBe(false);
  });

  it('approved once with `greenlight hub trust`, kept in the data folder (not the repository); then it publishes', async () => {
    const repo = makeRepo(yaml(hub.url, 'AWS_SECRET_ACCESS_KEY'), '0.1.0');
    recordRun(repo, { version: '0.1.0', successes: 40, commit: git(repo.dir, 'rev-parse', 'HEAD').trim(), decision: 'ACCEPT' });
    const t = await runCliAsync(['hub', 'trust', `${hub.url}/some/path`, '--token-env', 'AWS_SECRET_ACCESS_KEY'], { home: repo.home });
    expect(t.code, t.stderr).toBe(0);
    expect(t.stdout).toBe(`approved: $AWS_SECRET_ACCESS_KEY may be sent to ${hub.url}\n`);
    expect(readFileSync(join(repo.home, 'hub-trust.json'), 'utf8')).toContain('AWS_SECRET_ACCESS_KEY');
    expect(git(repo.dir, 'status', '--porcelain')).toBe('');
    const r = await runCliAsync(['publish', '--project', repo.dir], { home: repo.home, env: { AWS_SECRET_ACCESS_KEY: SECRET } });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/upload: done — uploaded email-triage 0\.1\.0/);
    // Another variable for the same hub is another approval.
    expect(hubTrust(repo.home, hub.url, 'OTHER_TOKEN').approved).toBe(false);
    expect(hubTrust(repo.home, hub.url.replace('127.0.0.1', 'localhost'), 'AWS_SECRET_ACCESS_KEY').approved).toBe(false);
  });

  it('plain http to a host that is not loopback is refused outright, in the plan and by `hub trust`', async () => {
    const repo = makeRepo(yaml('http://198.51.100.7:8080', 'GREENLIGHT_HUB_TOKEN'), '0.1.0');
    recordRun(repo, { version: '0.1.0', successes: 40, commit: git(repo.dir, 'rev-parse', 'HEAD').trim(), decision: 'ACCEPT' });
    const dry = await runCliAsync(['publish', '--project', repo.dir, '--dry-run'], { home: repo.home });
    expect(dry.stdout).toContain('refused: hub: http://198.51.100.7:8080: a token goes only over https, or plain http to a loopback address; the token is not sent');
    const t = runCli(['hub', 'trust', 'http://198.51.100.7:8080', '--token-env', 'GREENLIGHT_HUB_TOKEN'], { env: { GREENLIGHT_HOME: repo.home } });
    expect(t.code).toBe(2);
    expect(t.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(join(repo.home, 'hub-trust.json'))).toBe(false);
    expect(hubOrigin('https://hub.example.com/x')).toEqual({ ok: true, origin: 'https://hub.example.com' });
    expect(hubOrigin('http://[::1]:9/')).toEqual({ ok: true, origin: 'http://[::1]:9' });
    expect(hubOrigin('http://127.0.0.1.evil.example/').ok).toBe(false);
    expect(hubOrigin('ftp://hub.example/').ok).toBe(false);
  });

  it('an eval process inherits neither GREENLIGHT_HUB_TOKEN(S) nor the variable publish.hub.token_env names', async () => {
    const script = "require('fs').writeFileSync(process.env.GREENLIGHT_RUN_DIR + '/env.json', JSON.stringify(process.env))";
    const dir = makeProject(`${evalYaml(['node', '-e', script])}publish:\n  hub: {url: "https://hub.example", token_env: MY_HUB_SECRET}\n`);
    const ctx = openStore();
    try {
      const run = await runEval(ctx, dir, { env: { ...process.env, GREENLIGHT_HUB_TOKEN: 'a1', GREENLIGHT_HUB_TOKENS: 'a2,a3', MY_HUB_SECRET: 'a4', KEEP_ME: 'yes' } });
      const env = JSON.parse(readFileSync(join(run.runDir ?? '', 'env.json'), 'utf8')) as Record<string, string>;
      expect(env.KEEP_ME).toBe('yes');
      expect(Object.keys(env).filter((k) => ['GREENLIGHT_HUB_TOKEN', 'GREENLIGHT_HUB_TOKENS', 'MY_HUB_SECRET'].includes(k))).toEqual([]);
    } finally {
      closeContext(ctx);
    }
  });
});
