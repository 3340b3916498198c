/**
 * Publishing end to end: real git repositories with a bare remote, the reference hub on
 * loopback, the built CLI. One project walks through its releases in order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { startHubServer, type HubServer } from '../../src/main/hub/server';
import { approveHub } from '../../src/main/hub/trust';
import { acquirePublishLease } from '../../src/main/publish/lease';
import { projectAt } from '../../src/main/project/registered';
import { openDatabase } from '../../src/main/store/db';
import { tempDir } from '../helpers/cli';
import { card, git, makeRepo, recordRun, runCliAsync, setVersion, type ReleaseRepo } from '../helpers/release-repo';

const TOKEN = 'hub-secret-token-4f9a2c';
let hub: HubServer;
let proxy: Server;
let proxyUrl = '';
let failNextPublish = false;
let repo: ReleaseRepo;

const yaml = (hubUrl: string): string => `project: email-triage
agent: {name: Email Triage}
version: {from: package.json}
scorecard: [SCORECARD.md, old/SCORECARD.md]
releases:
  tag_pattern: ["agent-email-v{version}", "agent-pkg-email-{version}"]
  watch: [src/]
publish:
  git: {push: origin}
  hub: {url: "${hubUrl}", token_env: TEST_HUB_TOKEN, id: email-triage}
`;

/** In front of the hub: forwards everything, but answers 500 to one publish after the hub stored it. */
function startProxy(target: string): Promise<Server> {
  const t = new URL(target);
  const srv = createServer((req, res) => {
    const up = request({ host: t.hostname, port: t.port, path: req.url, method: req.method, headers: req.headers }, (ur) => {
      if (req.url === '/publish' && failNextPublish) {
        failNextPublish = false;
        ur.resume();
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end('{"ok":false,"error":"internal error"}');
        return;
      }
      res.writeHead(ur.statusCode ?? 502, ur.headers);
      ur.pipe(res);
    });
    req.pipe(up);
  });
  return new Promise((resolve) => srv.listen(0, '127.0.0.1', () => resolve(srv)));
}

const publish = (...args: string[]) => runCliAsync(['publish', '--project', repo.dir, ...args], { home: repo.home, env: { TEST_HUB_TOKEN: TOKEN } });
const count = (ref = 'HEAD') => Number(git(repo.dir, 'rev-list', '--count', ref).trim());
const remoteHas = (ref: string) => {
  try {
    git(repo.remote, 'rev-parse', '--verify', '--quiet', ref);
    return true;
  } catch {
    return false;
  }
};
const index = async () => (await (await fetch(`${hub.url}/index.json`)).json()) as { agents: Array<{ id: string; latest_version: string; versions: string[]; eval_score?: number; eval_scorecard_url?: string }> };
const audit = () => {
  const db = new Database(join(repo.home, 'greenlight.db'), { readonly: true });
  try {
    return db.prepare('SELECT action, version, decision, reason FROM audit_log ORDER BY id').all() as Array<{ action: string; version: string; decision: string; reason: string | null }>;
  } finally {
    db.close();
  }
};

beforeAll(async () => {
  hub = await startHubServer({ dir: tempDir('greenlight-hub-'), tokens: [TOKEN] });
  proxy = await startProxy(hub.url);
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  repo = makeRepo(yaml(proxyUrl), '0.1.0');
  // The user approved this hub and variable once (issue 12); hub-trust.test.ts covers refusing without it.
  approveHub(repo.home, proxyUrl, 'TEST_HUB_TOKEN');
});

afterAll(async () => {
  await hub?.close();
  proxy?.closeAllConnections();
  await new Promise((r) => proxy?.close(r));
});

describe('publish', () => {
  it('a first release: no tag yet, then the card committed, uploaded, tagged and pushed', async () => {
    const releases = await runCliAsync(['releases', '--project', repo.dir, '--json'], { home: repo.home });
    expect(releases.code).toBe(0);
    expect(JSON.parse(releases.stdout)).toEqual([]);

    const head = git(repo.dir, 'rev-parse', 'HEAD').trim();
    recordRun(repo, { version: '0.1.0', successes: 40, commit: head, decision: 'ACCEPT' });
    const dry = await publish('--dry-run');
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('first release');
    expect(dry.stdout).toMatch(/1\. write: write SCORECARD\.md/);
    expect(dry.stdout).toMatch(/5\. push: push main and agent-email-v0\.1\.0 to origin/);
    expect(dry.stdout).toContain('SCORECARD.md: first release, nothing to compare with; the card is new');
    // The verdict closes the (long) output; a missing hub token is flagged before any step runs.
    expect(dry.stdout.trimEnd().split('\n').at(-1)).toMatch(/^dry run: would publish agent-email-v0\.1\.0 in 5 steps.*; nothing was changed$/);
    expect(dry.stdout).not.toContain('no hub token');
    const noToken = await runCliAsync(['publish', '--project', repo.dir, '--dry-run'], { home: repo.home, env: { TEST_HUB_TOKEN: undefined } });
    expect(noToken.stdout).toMatch(/^warning: no hub token: \$TEST_HUB_TOKEN is not set/m);
    expect(existsSync(join(repo.dir, 'SCORECARD.md'))).toBe(false);
    expect(git(repo.dir, 'tag', '-l')).toBe('');

    const r = await publish();
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(r.stdout).toContain('published 0.1.0 as agent-email-v0.1.0');
    expect(git(repo.dir, 'status', '--porcelain')).toBe('');
    expect(remoteHas('refs/tags/agent-email-v0.1.0')).toBe(true);
    expect(git(repo.remote, 'rev-parse', 'main').trim()).toBe(git(repo.dir, 'rev-parse', 'main').trim());

    const committed = git(repo.dir, 'show', 'agent-email-v0.1.0:SCORECARD.md');
    const entry = (await index()).agents.find((a) => a.id === 'email-triage');
    expect(entry?.latest_version).toBe('0.1.0');
    expect(entry?.eval_score).toBe(40);
    const served = await fetch(entry?.eval_scorecard_url ?? '');
    expect(Buffer.from(await served.arrayBuffer()).equals(Buffer.from(committed))).toBe(true);
  });

  it('running it again after success changes nothing, even from a fresh data folder', async () => {
    const before = { commits: count(), tags: git(repo.dir, 'tag', '-l'), index: await index() };
    const again = await publish();
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('nothing left to do');
    // A CI runner with no record of the first publish: each step finds its work done.
    const fresh = await runCliAsync(['publish', '--project', repo.dir, '--run', 'nope'], { home: tempDir('greenlight-home-'), env: { TEST_HUB_TOKEN: TOKEN } });
    expect(fresh.code).toBe(2);
    expect(fresh.stderr).toContain('run nope: no such run');
    const otherHome = { ...repo, home: tempDir('greenlight-home-') };
    recordRun(otherHome, { version: '0.1.0', successes: 40, commit: git(repo.dir, 'rev-parse', 'agent-email-v0.1.0~1').trim(), decision: 'ACCEPT' });
    // A CI runner approves the hub in its own (fresh) data folder first.
    expect((await runCliAsync(['hub', 'trust', proxyUrl, '--token-env', 'TEST_HUB_TOKEN'], { home: otherHome.home })).code).toBe(0);
    const replay = await runCliAsync(['publish', '--project', repo.dir], { home: otherHome.home, env: { TEST_HUB_TOKEN: TOKEN } });
    expect(replay.code, replay.stderr + replay.stdout).toBe(0);
    expect(replay.stdout).toMatch(/write: skipped/);
    expect(replay.stdout).toMatch(/upload: skipped — the hub already has email-triage 0.1.0/);
    expect({ commits: count(), tags: git(repo.dir, 'tag', '-l'), index: await index() }).toEqual(before);
  });

  it('a second release, diffed against the first', async () => {
    const head = setVersion(repo, '0.2.0');
    recordRun(repo, { version: '0.2.0', successes: 60, commit: head, decision: 'ACCEPT' });
    const dry = await publish('--dry-run');
    expect(dry.code, dry.stderr).toBe(0);
    // The card's diff aligned by name (issue 15), as the console's Publish tab shows it: no delete-and-add lines.
    expect(dry.stdout).toContain("SCORECARD.md against the previous release's card (agent-email-v0.1.0):");
    expect(dry.stdout).toContain('agent-email-v0.1.0 (0.1.0) → v0.2.0 (0.2.0); Δ = new − previous');
    expect(dry.stdout).toMatch(/^ {4}metric +previous +new +Δ \[95% interval\]$/m);
    expect(dry.stdout).toMatch(/^ {4}category_accuracy +0\.4 +0\.6 +\+0\.2 \[\+0\.\d+, \+0\.\d+\] +improved$/m);
    expect(dry.stdout).toContain('aggregate: 40/100 → 60/100 (Δ +20');
    expect(dry.stdout).toMatch(/^ {4}no_regression +pass +pass *$/m);
    expect(dry.stdout).not.toMatch(/^ {2}[-+] {3}version/m);

    const r = await publish();
    expect(r.code, r.stderr + r.stdout).toBe(0);
    const diff = await runCliAsync(['diff', 'agent-email-v0.1.0', 'agent-email-v0.2.0', '--project', repo.dir, '--json'], { home: repo.home });
    expect(diff.code, diff.stderr).toBe(0);
    const d = JSON.parse(diff.stdout);
    expect(d.aggregate).toMatchObject({ baseline: 40, candidate: 60, delta: 20 });
    const m = d.metrics.find((x: { name: string }) => x.name === 'category_accuracy');
    expect(m.method).toBe('newcombe');
    expect(m.interval.lo).toBeGreaterThan(0);
    expect(m.interval.hi).toBeLessThan(0.4);
    expect(d.categories[0]).toMatchObject({ category: 'urgent', baseline: 0.4, candidate: 0.6 });
    expect(d.comparable).toBe(true);

    const list = JSON.parse((await runCliAsync(['releases', '--project', repo.dir, '--json'], { home: repo.home })).stdout);
    expect(list.map((x: { version: string; aggregate: number; problems: string[] }) => [x.version, x.aggregate, x.problems])).toEqual([
      ['0.1.0', 40, []],
      ['0.2.0', 60, []],
    ]);
    expect((await index()).agents[0]).toMatchObject({ latest_version: '0.2.0', eval_score: 60, versions: ['0.1.0', '0.2.0'] });
    const text = (await runCliAsync(['releases', '--project', repo.dir], { home: repo.home })).stdout.split('\n');
    expect(text[0]).toBe('version\ttag\tcommit\taggregate\tcard');
    expect(text[1]).toMatch(/^0\.1\.0\t.*\t40\tok$/);
  });

  it('a regression is refused, and nothing is written', async () => {
    const head = setVersion(repo, '0.3.0');
    const before = count();
    recordRun(repo, { version: '0.3.0', successes: 30, commit: head, decision: 'REGRESSION' });
    const r = await publish();
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('decision is REGRESSION');
    expect(r.stderr).toContain('--override-reason');
    expect(count()).toBe(before);
    expect(git(repo.dir, 'tag', '-l', 'agent-email-v0.3.0')).toBe('');
    expect(audit().at(-1)).toMatchObject({ action: 'refused', version: '0.3.0', decision: 'REGRESSION' });
  });

  it('an INCONCLUSIVE run (nothing judged on evidence) is refused like a regression', async () => {
    const head = git(repo.dir, 'rev-parse', 'HEAD').trim();
    const before = count();
    recordRun(repo, { version: '0.3.0', successes: 30, commit: head, decision: 'INCONCLUSIVE' });
    const r = await publish();
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('decision is INCONCLUSIVE (MISSING_INPUT)');
    expect(r.stderr).toContain('--override-reason');
    expect(count()).toBe(before);
    expect(audit().at(-1)).toMatchObject({ action: 'refused', version: '0.3.0', decision: 'INCONCLUSIVE' });
    // The override test below works on the REGRESSION run again.
    recordRun(repo, { version: '0.3.0', successes: 30, commit: head, decision: 'REGRESSION' });
  });

  it('a publish while another holds the lease is refused with the reason on stderr', async () => {
    const db = openDatabase(join(repo.home, 'greenlight.db'));
    try {
      const project = projectAt(db, repo.dir);
      const lease = acquirePublishLease(db, project.id);
      expect(lease.ok).toBe(true);
      try {
        const r = await publish();
        expect(r.code).toBe(1);
        expect(r.stderr).toMatch(/^greenlight: refused: another publish of this project is running \(process \d+/m);
      } finally {
        if (lease.ok) lease.release();
      }
    } finally {
      db.close();
    }
  });

  it('an override is recorded in the card and in the audit log', async () => {
    const reason = 'judge outage during the run; manual review of 50 items found no regression';
    const empty = await publish('--override-reason', '   ');
    expect(empty.code).toBe(2);
    const r = await publish('--override-reason', reason);
    expect(r.code, r.stderr + r.stdout).toBe(0);
    const committed = git(repo.dir, 'show', 'agent-email-v0.3.0:SCORECARD.md');
    expect(committed).toMatch(/^override:\n {2}decision: REGRESSION\n {2}reason: .*judge outage/m);
    expect(committed).toContain('## Override');
    expect(committed).toContain(`Reason: ${reason}`);
    expect(audit().filter((a) => a.action === 'override')).toEqual([{ action: 'override', version: '0.3.0', decision: 'REGRESSION', reason }]);
  });

  it('the hub answering 500 once: the publish stops, then resumes without a duplicate', async () => {
    const head = setVersion(repo, '0.4.0');
    recordRun(repo, { version: '0.4.0', successes: 62, commit: head, decision: 'ACCEPT' });
    failNextPublish = true;
    const first = await publish();
    expect(first.code).toBe(1);
    expect(first.stderr).toMatch(/upload failed: hub answered 500/);
    expect(first.stderr).not.toContain(TOKEN);
    expect(git(repo.dir, 'tag', '-l', 'agent-email-v0.4.0')).toBe('');
    const commits = count();

    const resumed = await publish();
    expect(resumed.code, resumed.stderr + resumed.stdout).toBe(0);
    expect(resumed.stdout).not.toMatch(/^write:|^commit:/m);
    expect(resumed.stdout).toMatch(/upload: skipped — the hub already has email-triage 0.4.0/);
    expect(count()).toBe(commits);
    const entry = (await index()).agents[0];
    expect(entry?.versions.filter((v) => v === '0.4.0')).toHaveLength(1);
    expect(remoteHas('refs/tags/agent-email-v0.4.0')).toBe(true);
  });

  it('a push rejected by the remote leaves the local state consistent and resumable', async () => {
    const head = setVersion(repo, '0.5.0');
    recordRun(repo, { version: '0.5.0', successes: 63, commit: head, decision: 'ACCEPT' });
    const marker = join(repo.remote, 'reject-pushes');
    writeFileSync(marker, '');
    const hook = join(repo.remote, 'hooks', 'pre-receive');
    writeFileSync(hook, `#!/bin/sh\nif [ -f "${marker}" ]; then echo "pushes are frozen" >&2; exit 1; fi\nexit 0\n`);
    chmodSync(hook, 0o755);
    const remoteMain = git(repo.remote, 'rev-parse', 'main').trim();

    const first = await publish();
    expect(first.code).toBe(1);
    expect(first.stderr).toMatch(/push failed/);
    expect(git(repo.dir, 'status', '--porcelain')).toBe('');
    expect(git(repo.dir, 'rev-parse', 'agent-email-v0.5.0^{commit}').trim()).toBe(git(repo.dir, 'rev-parse', 'HEAD').trim());
    expect(remoteHas('refs/tags/agent-email-v0.5.0')).toBe(false);
    expect(git(repo.remote, 'rev-parse', 'main').trim()).toBe(remoteMain);
    const status = await runCliAsync(['publish', '--project', repo.dir, '--dry-run'], { home: repo.home });
    expect(status.stdout).toMatch(/4\. tag: tag agent-email-v0\.5\.0 \[done\]/);
    expect(status.stdout).toMatch(/5\. push: .* \[failed\]/);

    rmSync(marker);
    const commits = count();
    const resumed = await publish();
    expect(resumed.code, resumed.stderr + resumed.stdout).toBe(0);
    expect(resumed.stdout.trim().split('\n').filter((l) => /^(write|commit|upload|tag|push):/.test(l))).toEqual([expect.stringMatching(/^push: done/)]);
    expect(count()).toBe(commits);
    expect(remoteHas('refs/tags/agent-email-v0.5.0')).toBe(true);
  });

  it('the hub token reaches neither the database nor the output', async () => {
    const dbBytes = readFileSync(join(repo.home, 'greenlight.db'));
    const wal = join(repo.home, 'greenlight.db-wal');
    expect(dbBytes.includes(TOKEN)).toBe(false);
    if (existsSync(wal)) expect(readFileSync(wal).includes(TOKEN)).toBe(false);
    const noToken = await runCliAsync(['publish', '--project', repo.dir, '--dry-run'], { home: repo.home });
    expect(noToken.stdout + noToken.stderr).not.toContain(TOKEN);
  });
});

describe('releases from git', () => {
  it('reports a tag without a card, a stale card copied forward, and reads moved cards', async () => {
    const r = makeRepo(yaml('http://127.0.0.1:9'), '0.1.0');
    // 0.1.0: card in the old folder, lightweight tag in the second pattern's spelling.
    writeFileSync(join(r.dir, 'package.json'), '{"version":"0.1.0"}\n');
    git(r.dir, 'add', '.');
    git(r.dir, 'commit', '-q', '-m', 'x');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(r.dir, 'old'));
    writeFileSync(join(r.dir, 'old', 'SCORECARD.md'), card({ version: '0.1.0', successes: 50 }));
    git(r.dir, 'add', '.');
    git(r.dir, 'commit', '-q', '-m', 'card 0.1.0');
    git(r.dir, 'tag', 'agent-pkg-email-0.1.0');
    // 0.2.0: no card at all (the old one removed), annotated tag.
    git(r.dir, 'rm', '-q', 'old/SCORECARD.md');
    git(r.dir, 'commit', '-q', '-m', 'rm');
    git(r.dir, 'tag', '-a', 'agent-pkg-email-v0.2.0', '-m', 'r');
    // 0.3.0: the 0.2.9 card copied forward (stale).
    writeFileSync(join(r.dir, 'SCORECARD.md'), card({ version: '0.2.9', successes: 51 }));
    git(r.dir, 'add', '.');
    git(r.dir, 'commit', '-q', '-m', 'stale');
    git(r.dir, 'tag', '-a', 'agent-email-v0.3.0', '-m', 'r');
    git(r.dir, 'tag', 'not-a-release');

    const out = await runCliAsync(['releases', '--project', r.dir, '--json'], { home: r.home });
    expect(out.code, out.stderr).toBe(0);
    const list = JSON.parse(out.stdout);
    expect(list.map((x: Record<string, unknown>) => [x.version, x.tag, x.scorecard_path, x.card_version, x.aggregate, x.problems])).toEqual([
      ['0.1.0', 'agent-pkg-email-0.1.0', 'old/SCORECARD.md', '0.1.0', 50, []],
      ['0.2.0', 'agent-pkg-email-v0.2.0', null, null, null, ['no scorecard']],
      ['0.3.0', 'agent-email-v0.3.0', 'SCORECARD.md', '0.2.9', 51, ['card version 0.2.9 ≠ release 0.3.0']],
    ]);
    expect(list[2].commit).toBe(git(r.dir, 'rev-parse', 'HEAD').trim());

    const bad = await runCliAsync(['diff', 'agent-email-v9.9.9', 'agent-pkg-email-0.1.0', '--project', r.dir], { home: r.home });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('agent-email-v9.9.9: not a scorecard file, a run id, a release or a git ref');
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('release checks refuse a card that is not this release’s', () => {
  it('a card of another version, and a card measured before a watched path changed', async () => {
    const r = makeRepo(yaml('http://127.0.0.1:9'), '0.2.0');
    const head = git(r.dir, 'rev-parse', 'HEAD').trim();
    recordRun(r, { version: '0.1.0', successes: 50, commit: head, decision: 'ACCEPT' });
    const wrong = await runCliAsync(['publish', '--project', r.dir], { home: r.home });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('card version 0.1.0 ≠ release 0.2.0');

    recordRun(r, { version: '0.2.0', successes: 50, commit: head, decision: 'ACCEPT' });
    writeFileSync(join(r.dir, 'src', 'agent.txt'), 'triage v2\n');
    git(r.dir, 'commit', '-q', '-am', 'change the agent');
    const stale = await runCliAsync(['publish', '--project', r.dir], { home: r.home });
    expect(stale.code).toBe(1);
    expect(stale.stderr).toMatch(/stale: src\/agent\.txt changed since the card was measured/);
    expect(existsSync(join(r.dir, 'SCORECARD.md'))).toBe(false);
    expect(git(r.dir, 'tag', '-l')).toBe('');
  });
});
