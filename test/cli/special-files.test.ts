/**
 * Special files and huge files given to any single-file reader (issue 12): a FIFO, /dev/zero
 * or /dev/urandom — directly or through a symbolic link — is refused at once with exit 2 and
 * one line, instead of hanging or growing without bound. The built CLI, real special files.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDir } from '../helpers/cli';
import { MAX_FILE_BYTES, readRegularFileSync } from '../../src/main/fs/read-file';

let dir: string;
const targets: Record<string, string> = {};

beforeAll(() => {
  dir = tempDir('greenlight-special-');
  execFileSync('mkfifo', [join(dir, 'pipe.json')]);
  targets.fifo = join(dir, 'pipe.json');
  targets['/dev/zero'] = '/dev/zero';
  symlinkSync('/dev/urandom', join(dir, 'random.json'));
  targets['link to /dev/urandom'] = join(dir, 'random.json');
});

// Each must answer within the timeout (a hang fails the test as code -1).
const quick = (args: string[], cwd?: string) => runCli(args, { timeout: 10_000, ...(cwd ? { cwd } : {}) });

function expectRefused(r: { code: number; stderr: string; stdout: string }, what: string): void {
  expect(r.code, `${what}: ${r.stderr}`).toBe(2);
  const lines = r.stderr.trim().split('\n');
  expect(lines, what).toHaveLength(1);
  expect(lines[0], what).toMatch(/not a regular file|FIFO|character device/);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

describe('special files', () => {
  for (const name of ['fifo', '/dev/zero', 'link to /dev/urandom']) {
    it(`${name}: compare, check run, check checkpoint, scorecard validate, gate --policy and gate --artefact refuse it in under the timeout`, () => {
      const f = targets[name] as string;
      expectRefused(quick(['compare', '--baseline', f, '--candidate', f]), 'compare');
      expectRefused(quick(['check', 'run', '--summary', f]), 'check run');
      expectRefused(quick(['check', 'checkpoint', '--summary', f]), 'check checkpoint');
      expectRefused(quick(['scorecard', 'validate', f]), 'scorecard validate');
      expectRefused(quick(['gate', '--policy', f, '--metric', 'task_pass_rate=0.9']), 'gate --policy');
      expectRefused(quick(['gate', '--artefact', `eval-report=${f}`]), 'gate --artefact');
    });
  }

  it('a greenlight.yaml that is a FIFO or a link to /dev/zero: `gate` and `run` refuse it with one line', () => {
    for (const target of [targets.fifo as string, '/dev/zero']) {
      const project = tempDir('greenlight-special-project-');
      symlinkSync(target, join(project, 'greenlight.yaml'));
      expectRefused(quick(['gate', '--metric', 'task_pass_rate=0.9'], project), 'gate with greenlight.yaml');
      expectRefused(quick(['run', '--project', project]), 'run');
    }
  });

  it('a FIFO inside a labelled-traces folder is named and skipped, never opened', () => {
    const traces = join(tempDir('greenlight-special-traces-'), 'traces');
    mkdirSync(traces);
    writeFileSync(join(traces, 'a.json'), JSON.stringify({ steps: [{ state: 's0' }], label: { looped: false } }));
    execFileSync('mkfifo', [join(traces, 'b.json')]);
    const r = quick(['gate', '--labelled-traces', traces, '--json']);
    expect(r.code).not.toBe(-1);
    expect(r.stdout + r.stderr).toContain('b.json');
    expect(r.stdout + r.stderr).toMatch(/not a regular file/);
  });

  it(`a file over the documented cap (${MAX_FILE_BYTES / 1024 / 1024} MiB) is refused before it is read`, () => {
    const big = join(dir, 'big.json');
    writeFileSync(big, '');
    truncateSync(big, MAX_FILE_BYTES + 1); // sparse: no disk used
    const r = quick(['compare', '--baseline', big, '--candidate', big]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(/big\.json: is 256 MiB, over the 256 MiB limit for one file; refused/);
    expect(() => readRegularFileSync(big)).toThrow(/over the 256 MiB limit/);
  });
});
