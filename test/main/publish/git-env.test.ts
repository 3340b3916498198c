import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { git, GitFailure } from '../../../src/main/git/repo';
import { tempDir } from '../../helpers/cli';

describe('git never waits for a terminal', () => {
  it('a push to a remote that asks for credentials fails at once instead of prompting', async () => {
    // An HTTP remote that always answers 401: git would ask for a user name on the terminal.
    const srv = createServer((_req, res) => {
      res.writeHead(401, { 'www-authenticate': 'Basic realm="git"' });
      res.end();
    });
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
    try {
      const dir = tempDir('greenlight-git-');
      execFileSync('git', ['init', '-q', dir]);
      const url = `http://127.0.0.1:${(srv.address() as AddressInfo).port}/repo.git`;
      const started = Date.now();
      const err = await git(dir, ['ls-remote', url], 'asking the remote').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(GitFailure);
      expect(String((err as Error).message)).toMatch(/asking the remote: .*(terminal prompts disabled|could not read Username|Authentication failed)/i);
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      await new Promise((r) => srv.close(r));
    }
  });

  it('every git process runs with GIT_TERMINAL_PROMPT=0', async () => {
    const dir = tempDir('greenlight-git-');
    execFileSync('git', ['init', '-q', dir]);
    const hook = join(dir, '.git', 'hooks', 'pre-commit');
    writeFileSync(hook, `#!/bin/sh\nprintf '%s' "$GIT_TERMINAL_PROMPT" > "${join(dir, 'prompt.txt')}"\n`);
    chmodSync(hook, 0o755);
    await git(dir, ['-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '--allow-empty', '-m', 'x'], 'committing');
    expect(readFileSync(join(dir, 'prompt.txt'), 'utf8')).toBe('0');
  });
});
