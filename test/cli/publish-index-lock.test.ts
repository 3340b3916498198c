/**
 * kill -9 during publish's commit step (issue 12): git leaves `.git/index.lock`, and every
 * later publish used to fail with "run publish again to resume", which could never help. A
 * real publish is killed (its whole process group) while git holds the lock in a pre-commit
 * hook; the next publish sees that the lock is its own dead git's and recovers. A lock it did
 * not leave is named, with the command that clears it.
 */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers/cli';
import { git, makeRepo, recordRun, runCliAsync } from '../helpers/release-repo';

const yaml = `project: email-triage
version: {from: package.json}
scorecard: SCORECARD.md
releases: {tag_pattern: "agent-email-v{version}"}
publish:
  git: {push: false}
`;

async function waitFor(file: string, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!existsSync(file)) {
    if (Date.now() > until) throw new Error(`${file} never appeared`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('publish and .git/index.lock', () => {
  it('a lock left by its own killed git is recovered; the publish then completes', async () => {
    const repo = makeRepo(yaml, '0.1.0');
    recordRun(repo, { version: '0.1.0', successes: 40, commit: git(repo.dir, 'rev-parse', 'HEAD').trim(), decision: 'ACCEPT' });
    const hook = join(repo.dir, '.git', 'hooks', 'pre-commit');
    const started = join(repo.dir, '..', 'hook-started');
    writeFileSync(hook, `#!/bin/sh\ntouch '${started}'\nsleep 60\n`);
    chmodSync(hook, 0o755);
    const child = spawn(process.execPath, [join(ROOT, 'out/main/cli.js'), 'publish', '--project', repo.dir], { env: { ...process.env, GREENLIGHT_HOME: repo.home }, detached: true, stdio: 'ignore' });
    await waitFor(started, 30_000);
    const lock = join(repo.dir, '.git', 'index.lock');
    expect(existsSync(lock)).toBe(true);
    process.kill(-(child.pid as number), 'SIGKILL');
    await new Promise((r) => child.once('exit', r));
    await new Promise((r) => setTimeout(r, 200));
    expect(existsSync(lock)).toBe(true);
    rmSync(hook);

    const again = await runCliAsync(['publish', '--project', repo.dir], { home: repo.home });
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect(again.stdout).toMatch(/commit: done — removed .*index\.lock, left by an interrupted publish \(process \d+ is gone\); committed SCORECARD\.md/);
    expect(existsSync(lock)).toBe(false);
    expect(git(repo.dir, 'tag', '-l')).toContain('agent-email-v0.1.0');
  }, 90_000);

  it('a lock publish did not leave is named with the command that clears it, and left alone', async () => {
    const repo = makeRepo(yaml, '0.1.0');
    recordRun(repo, { version: '0.1.0', successes: 40, commit: git(repo.dir, 'rev-parse', 'HEAD').trim(), decision: 'ACCEPT' });
    const lock = join(repo.dir, '.git', 'index.lock');
    writeFileSync(lock, '');
    const r = await runCliAsync(['publish', '--project', repo.dir], { home: repo.home });
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain(`${lock} exists: a git process is using the repository, or one was killed and left it. If no git command is running there, remove it (rm -f '${lock}'), then publish again`);
    expect(existsSync(lock)).toBe(true);
    rmSync(lock);
    const ok = await runCliAsync(['publish', '--project', repo.dir], { home: repo.home });
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
  }, 60_000);
});
