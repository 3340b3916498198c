/**
 * `greenlight run`, `runs list`, `runs show` on the example project, as CI runs them: the
 * built CLI as a real child process, a real store in $GREENLIGHT_HOME, the real eval script.
 */
import { describe, expect, it } from 'vitest';
import { writeFileSync, readFileSync, existsSync } from 'node:fs';
import { exampleCopy } from './example';
import { join } from 'node:path';
import { runCli, tempDir } from '../helpers/cli';

const fast = { TRIAGE_DELAY_MS: '0' };

const LIST_KEYS = ['decision', 'ended_at', 'eval', 'id', 'project', 'started_at', 'status', 'version'];
const SHOW_KEYS = [...LIST_KEYS, 'artefacts', 'exit_code', 'gates', 'log_path', 'metrics', 'run_dir'];

describe('greenlight run', () => {
  it('runs the example eval: a passing candidate exits 0 with the runs show object', () => {
    const home = tempDir('greenlight-home-');
    const dir = exampleCopy();
    const r = runCli(['run', '--project', dir, '--json'], { env: { GREENLIGHT_HOME: home, ...fast } });
    expect(r.stderr).toMatch(/succeeded, ACCEPT/);
    expect(r.code).toBe(0);
    const run = JSON.parse(r.stdout) as Record<string, unknown>;
    for (const k of SHOW_KEYS) expect(run).toHaveProperty(k);
    expect(run).toMatchObject({ project: 'email-triage', eval: 'benchmark', version: '0.3.0', status: 'succeeded', decision: 'ACCEPT', exit_code: 0 });
    expect((run.gates as Array<{ name: string; status: string }>).map((g) => g.status)).toEqual(['pass', 'pass', 'pass', 'skipped']);
    expect(readFileSync(run.log_path as string, 'utf8')).toContain('220/220');
    expect((run.artefacts as unknown[]).length).toBe(2);

    const list = runCli(['runs', 'list', '--json'], { env: { GREENLIGHT_HOME: home } });
    expect(list.code).toBe(0);
    const rows = JSON.parse(list.stdout) as Array<Record<string, unknown>>;
    expect(rows).toHaveLength(1);
    expect(Object.keys(rows[0]!).sort()).toEqual(LIST_KEYS);
    expect(rows[0]!.id).toBe(run.id);

    const show = runCli(['runs', 'show', String(run.id), '--json'], { env: { GREENLIGHT_HOME: home } });
    expect(show.code).toBe(0);
    const shown = JSON.parse(show.stdout) as Record<string, unknown>;
    expect(shown).toEqual(run);

    const text = runCli(['runs', 'show', String(run.id)], { env: { GREENLIGHT_HOME: home } });
    expect(text.stdout).toContain('decision  ACCEPT');
    // Gates as an aligned table (as `greenlight gate` prints them); no 16-digit floats.
    expect(text.stdout).toMatch(/^ {4}gate\s+status\s+value\s+threshold/m);
    expect(text.stdout).toMatch(/^ {4}no_regression\s+SKIPPED\s+—/m);
    expect(text.stdout).not.toMatch(/\d\.\d{7,}/);
  });

  it('a failing candidate (quality knob) exits 1 with a REGRESSION decision; the earlier run is the baseline', () => {
    const home = tempDir('greenlight-home-');
    const dir = exampleCopy();
    expect(runCli(['run', '--project', dir], { env: { GREENLIGHT_HOME: home, ...fast } }).code).toBe(0);
    const r = runCli(['run', '--project', dir, '--json'], { env: { GREENLIGHT_HOME: home, ...fast, TRIAGE_QUALITY: '0.4' } });
    expect(r.code).toBe(1);
    const run = JSON.parse(r.stdout) as { decision: string; status: string; gates: Array<{ name: string; status: string }> };
    expect(run.status).toBe('succeeded');
    expect(run.decision).toBe('REGRESSION');
    expect(run.gates.find((g) => g.name === 'no_regression')?.status).toBe('fail');
    const list = JSON.parse(runCli(['runs', 'list', '--json', '--project', dir], { env: { GREENLIGHT_HOME: home } }).stdout) as unknown[];
    expect(list).toHaveLength(2);
    const failedOnly = JSON.parse(runCli(['runs', 'list', '--json', '--decision', 'REGRESSION'], { env: { GREENLIGHT_HOME: home } }).stdout) as unknown[];
    expect(failedOnly).toHaveLength(1);
  });

  it('an eval command that fails exits 1 with status failed', () => {
    const home = tempDir('greenlight-home-');
    const r = runCli(['run', '--project', exampleCopy(), '--json'], { env: { GREENLIGHT_HOME: home, ...fast, TRIAGE_EXIT_CODE: '4' } });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'failed', exit_code: 4, decision: null });
  });

  it('prints plain progress lines when stderr is not a terminal', () => {
    const r = runCli(['run', '--project', exampleCopy()], { env: { TRIAGE_DELAY_MS: '10' } });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/greenlight: benchmark progress \d+\/220/);
    // The eval's closing summary "accuracy 0.9045 (199/220)" is not progress: the run ends complete.
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('greenlight: benchmark progress'));
    expect(lines.at(-1)).toBe('greenlight: benchmark progress 220/220 (100%)');
  });
});

describe('bad config: one clear line, exit 2, nothing stored', () => {
  const cases: Array<[string, (dir: string) => void, string[], RegExp]> = [
    ['unknown eval', () => {}, ['--eval', 'nope'], /greenlight\.yaml: evals: unknown eval "nope" \(evals: benchmark\)/],
    ['missing command', (d) => edit(d, / {4}command: .*\n/, ''), [], /greenlight\.yaml:9: evals\[benchmark\]\.command: expected the command as a list of arguments/],
    ['non-array env', (d) => edit(d, / {4}timeout: 10m\n/, '    timeout: 10m\n    env: 42\n'), [], /greenlight\.yaml:12: evals\[benchmark\]\.env: expected a mapping of NAME: value/],
    ['shell command string', (d) => edit(d, / {4}command: .*\n/, '    command: "node eval/triage-eval.mjs | tee out.txt"\n'), [], /evals\[benchmark\]\.command: uses "\|", which needs a shell/],
    ['unknown placeholder', (d) => edit(d, /"\{run_dir\}", --seed/, '"{rundir}", --seed'), [], /evals\[benchmark\]\.command\[3\]: unknown placeholder \{rundir\}/],
    ['bad timeout', (d) => edit(d, /timeout: 10m/, 'timeout: soon'), [], /evals\[benchmark\]\.timeout: "soon" is not a duration/],
    ['unknown tier', () => {}, ['--tier', 'gold'], /--tier: unknown tier "gold"/],
    ['missing cwd', (d) => edit(d, / {4}timeout: 10m\n/, '    timeout: 10m\n    cwd: nowhere\n'), [], /greenlight\.yaml:12: evals\[benchmark\]\.cwd: .*nowhere: no such folder/],
  ];
  for (const [name, mutate, args, expected] of cases) {
    it(name, () => {
      const home = tempDir('greenlight-home-');
      const dir = exampleCopy();
      mutate(dir);
      const r = runCli(['run', '--project', dir, ...args], { env: { GREENLIGHT_HOME: home, ...fast } });
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(expected);
      expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
      expect(JSON.parse(runCli(['runs', 'list', '--json'], { env: { GREENLIGHT_HOME: home } }).stdout)).toEqual([]);
    });
  }

  it('unwritable run folder', () => {
    const home = tempDir('greenlight-home-');
    writeFileSync(join(home, 'runs'), 'a file where the runs folder should be');
    const r = runCli(['run', '--project', exampleCopy()], { env: { GREENLIGHT_HOME: home, ...fast } });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/runs: cannot create the run folder \(ENOTDIR\)/);
    expect(JSON.parse(runCli(['runs', 'list', '--json'], { env: { GREENLIGHT_HOME: home } }).stdout)).toEqual([]);
  });

  it('no project here', () => {
    const r = runCli(['run'], { cwd: tempDir() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/greenlight\.yaml: not found; run from the project folder or pass --project DIR/);
  });

  it('runs show of an unknown id', () => {
    const r = runCli(['runs', 'show', 'nope']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('greenlight: no run with id nope (see greenlight runs list)');
  });
});

function edit(dir: string, re: RegExp, to: string): void {
  const f = join(dir, 'greenlight.yaml');
  const text = readFileSync(f, 'utf8');
  if (!re.test(text)) throw new Error(`pattern ${re} not in greenlight.yaml`);
  writeFileSync(f, text.replace(re, to));
  expect(existsSync(f)).toBe(true);
}
