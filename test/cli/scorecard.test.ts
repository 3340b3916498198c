import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderScorecard, type ScorecardPayload } from '../../src/core/scorecard';
import { FIXTURES, runCli, tempDir } from '../helpers/cli';

const SEED_CARD = join(FIXTURES, 'gaia/SCORECARD.email-0.2.5.md');

function payload(version: string, accuracy: number, extra: Partial<ScorecardPayload> = {}): ScorecardPayload {
  return {
    agent: { name: 'Email Triage', version },
    recipe: { dataset: { reference: 'gt.json', size: 220 }, methodology: 'category accuracy', config: { limit: 220 } },
    results: { test_cases_run: 220, metrics: [{ name: 'category_accuracy', value: accuracy }] },
    ...extra,
  };
}

function card(version: string, accuracy: number, extra: Partial<ScorecardPayload> = {}): string {
  const r = renderScorecard(payload(version, accuracy, extra), { generatedAt: '2026-01-01T00:00:00Z' });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
}

function write(dir: string, name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

const git = (cwd: string, ...args: string[]): string =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' });

/** A repository whose tag v0.2.4 holds a card with aggregate 40.0. */
function repoWithRelease(): string {
  const d = tempDir();
  git(d, 'init', '-q', '-b', 'main');
  write(d, 'SCORECARD.md', card('0.2.4', 0.4));
  git(d, 'add', 'SCORECARD.md');
  git(d, 'commit', '-q', '-m', 'release 0.2.4');
  git(d, 'tag', 'v0.2.4');
  return d;
}

describe('scorecard validate', () => {
  it('exits 0 for the seed 001 card and 1 with one line per problem for a broken card', () => {
    expect(runCli(['scorecard', 'validate', SEED_CARD])).toMatchObject({ code: 0 });
    const d = tempDir();
    const broken = readFileSync(SEED_CARD, 'utf8').replace('  value: 42.0\n', '  value: .nan\n').replace('  size: 220\n', '  size: lots\n');
    const r = runCli(['scorecard', 'validate', write(d, 'S.md', broken)]);
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(r.stdout).toMatch(/S\.md: recipe\.dataset\.size: expected the dataset size as a non-negative integer, found the string "lots"/);
    expect(r.stdout).toMatch(/S\.md: aggregate\.value: expected a finite number, found NaN/);
    expect(r.stderr).not.toMatch(/at .*\.js/);
  });

  it('--format github: a problem whose message spans lines is still one annotation', () => {
    const d = tempDir();
    const broken = readFileSync(SEED_CARD, 'utf8').replace('schema_version: 1\n', 'schema_version: 2\n');
    const r = runCli(['scorecard', 'validate', '--format', 'github', write(d, 'bad\ncard.md', broken)]);
    expect(r.code).toBe(1);
    expect(r.stdout.trim().split('\n')).toEqual([expect.stringMatching(/^::error::.*bad%0Acard\.md: schema_version: expected schema_version 1, found 2$/)]);
  });

  it('exits 2 for a file that does not exist', () => {
    const r = runCli(['scorecard', 'validate', '/nonexistent/SCORECARD.md']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not found/);
  });
});

describe('scorecard render and carry-forward', () => {
  it('renders a payload to a file that validates', () => {
    const d = tempDir();
    const input = write(d, 'payload.json', JSON.stringify(payload('1.2.3', 0.5)));
    const out = join(d, 'SCORECARD.md');
    expect(runCli(['scorecard', 'render', '--input', input, '--out', out]).code).toBe(0);
    expect(runCli(['scorecard', 'validate', out]).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^---\n/);
  });

  it('refuses an invalid payload with the path of the problem (exit 2)', () => {
    const d = tempDir();
    const bad = payload('1.2.3', 0.5);
    (bad.results as Record<string, unknown>).metrics = [];
    const r = runCli(['scorecard', 'render', '--input', write(d, 'p.json', JSON.stringify(bad))]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/results\.metrics/);
  });

  it('carries 0.2.5 forward to 0.2.6 and refuses 0.3.0 with "re-run"', () => {
    const d = tempDir();
    const out = join(d, 'S.md');
    expect(runCli(['scorecard', 'carry-forward', '--from', SEED_CARD, '--version', '0.2.6', '--out', out]).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/inherited_from: 0\.2\.5/);
    const r = runCli(['scorecard', 'carry-forward', '--from', SEED_CARD, '--version', '0.3.0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/re-run/);
  });
});

describe('scorecard gate', () => {
  it('passes an equal or higher aggregate and fails a lower one against a baseline file', () => {
    const d = tempDir();
    const base = write(d, 'base.md', card('0.2.4', 0.4));
    expect(runCli(['scorecard', 'gate', '--scorecard', write(d, 'eq.md', card('0.2.5', 0.4)), '--baseline-file', base]).code).toBe(0);
    expect(runCli(['scorecard', 'gate', '--scorecard', write(d, 'up.md', card('0.2.5', 0.41)), '--baseline-file', base]).code).toBe(0);
    const down = runCli(['scorecard', 'gate', '--scorecard', write(d, 'down.md', card('0.2.5', 0.39)), '--baseline-file', base]);
    expect(down.code).toBe(1);
    expect(down.stdout).toMatch(/::error::aggregate regressed: 39\.0 \(v0\.2\.5\) vs 40\.0/);
  });

  it('--allow-regression exits 0 with a ::warning:: line', () => {
    const d = tempDir();
    const r = runCli(['scorecard', 'gate', '--scorecard', write(d, 'down.md', card('0.2.5', 0.39)), '--baseline-file', write(d, 'b.md', card('0.2.4', 0.4)), '--allow-regression']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^::warning::.*allowed by --allow-regression/m);
  });

  it('a missing or corrupt candidate fails (exit 1)', () => {
    const d = tempDir();
    const base = write(d, 'b.md', card('0.2.4', 0.4));
    expect(runCli(['scorecard', 'gate', '--scorecard', join(d, 'missing.md'), '--baseline-file', base]).code).toBe(1);
    const corrupt = runCli(['scorecard', 'gate', '--scorecard', write(d, 'c.md', '---\nagent: [\n---\n'), '--baseline-file', base]);
    expect(corrupt.code).toBe(1);
    expect(corrupt.stdout).toMatch(/::error::.*c\.md/);
  });

  it('a corrupt baseline, or a NaN baseline aggregate, fails instead of disabling the gate', () => {
    const d = tempDir();
    const cand = write(d, 'c.md', card('0.2.5', 0.5));
    expect(runCli(['scorecard', 'gate', '--scorecard', cand, '--baseline-file', write(d, 'b.md', 'no front matter')]).code).toBe(1);
    const nan = card('0.2.4', 0.4).replace('  value: 40.0\n', '  value: .nan\n');
    const r = runCli(['scorecard', 'gate', '--scorecard', cand, '--baseline-file', write(d, 'nan.md', nan)]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/aggregate\.value: expected a finite number, found NaN/);
  });

  it('--baseline-file with --baseline-ref is a usage error; no baseline at all too', () => {
    const d = tempDir();
    const cand = write(d, 'c.md', card('0.2.5', 0.5));
    expect(runCli(['scorecard', 'gate', '--scorecard', cand, '--baseline-file', cand, '--baseline-ref', 'HEAD']).code).toBe(2);
    const none = runCli(['scorecard', 'gate', '--scorecard', cand]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/--first-release/);
  });

  it('--expected-version fails when the card is another version', () => {
    const d = tempDir();
    const r = runCli(['scorecard', 'gate', '--scorecard', write(d, 'c.md', card('0.2.4', 0.5)), '--first-release', '--expected-version', '0.2.5']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/agent\.version is 0\.2\.4, expected 0\.2\.5/);
  });

  it('--min-aggregate applies on a first release', () => {
    const d = tempDir();
    const c = write(d, 'c.md', card('0.1.0', 0.3));
    expect(runCli(['scorecard', 'gate', '--scorecard', c, '--first-release', '--min-aggregate', '35']).code).toBe(1);
    expect(runCli(['scorecard', 'gate', '--scorecard', c, '--first-release', '--min-aggregate', '30']).code).toBe(0);
  });

  it('reads the baseline at a git ref; a ref that does not resolve is an error, not a first release', () => {
    const d = repoWithRelease();
    write(d, 'SCORECARD.md', card('0.2.5', 0.39));
    const down = runCli(['scorecard', 'gate', '--scorecard', join(d, 'SCORECARD.md'), '--baseline-ref', 'v0.2.4'], { cwd: d });
    expect(down.code).toBe(1);
    expect(down.stdout).toMatch(/v0\.2\.4:/);
    write(d, 'SCORECARD.md', card('0.2.5', 0.45));
    expect(runCli(['scorecard', 'gate', '--scorecard', join(d, 'SCORECARD.md'), '--baseline-ref', 'v0.2.4'], { cwd: d }).code).toBe(0);
    const missing = runCli(['scorecard', 'gate', '--scorecard', join(d, 'SCORECARD.md'), '--baseline-ref', 'v0.2.3'], { cwd: d });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/v0\.2\.3: does not resolve/);
  });

  it('--baseline-ref reads a card at a path that has since moved (its folder gone), and --project tries the policy\'s card paths', () => {
    const d = tempDir();
    git(d, 'init', '-q', '-b', 'main');
    mkdirSync(join(d, 'docs', 'eval'), { recursive: true });
    write(join(d, 'docs', 'eval'), 'SCORECARD.md', card('0.2.4', 0.4));
    git(d, 'add', '.');
    git(d, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-q', '-m', 'release 0.2.4');
    git(d, 'tag', 'v0.2.4');
    // The repository is reorganised: the card moves to the root and docs/ goes away.
    git(d, 'mv', 'docs/eval/SCORECARD.md', 'SCORECARD.md');
    git(d, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-q', '-m', 'move the card');
    rmSync(join(d, 'docs'), { recursive: true, force: true });
    expect(existsSync(join(d, 'docs'))).toBe(false);
    write(d, 'SCORECARD.md', card('0.2.5', 0.45));
    const moved = runCli(['scorecard', 'gate', '--scorecard', join(d, 'SCORECARD.md'), '--baseline-ref', 'v0.2.4', '--baseline-path', join(d, 'docs', 'eval', 'SCORECARD.md')], { cwd: d });
    expect(moved.stderr).not.toMatch(/not inside a git repository/);
    expect(moved.code).toBe(0);
    // Without --baseline-path the root path did not exist at v0.2.4; --project knows both.
    write(d, 'greenlight.yaml', 'scorecard: [SCORECARD.md, docs/eval/SCORECARD.md]\nreleases: {tag_pattern: "v{version}"}\n');
    expect(runCli(['scorecard', 'gate', '--scorecard', join(d, 'SCORECARD.md'), '--baseline-ref', 'v0.2.4'], { cwd: d }).code).toBe(1);
    const viaProject = runCli(['scorecard', 'gate', '--scorecard', join(d, 'SCORECARD.md'), '--baseline-ref', 'v0.2.4', '--project', d, '--json'], { cwd: d });
    expect(viaProject.code).toBe(0);
    write(d, 'SCORECARD.md', card('0.2.5', 0.3));
    const down = runCli(['scorecard', 'gate', '--scorecard', join(d, 'SCORECARD.md'), '--baseline-ref', 'v0.2.4', '--project', d], { cwd: d });
    expect(down.code).toBe(1);
    expect(down.stdout).toMatch(/v0\.2\.4:docs\/eval\/SCORECARD\.md/);
  });

  it('--baseline-ref on a card outside any git repository names the ref and the folder (exit 2)', () => {
    const d = tempDir();
    const c = write(d, 'c.md', card('0.2.5', 0.42));
    const r = runCli(['scorecard', 'gate', '--scorecard', c, '--baseline-ref', 'agent-v0.2.0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--baseline-ref agent-v0\.2\.0: cannot be read, .* is not inside a git repository/);
  });

  it('a ref without the card at that path fails with a pointer to --first-release', () => {
    const d = repoWithRelease();
    const other = write(d, 'OTHER.md', card('0.2.5', 0.5));
    const r = runCli(['scorecard', 'gate', '--scorecard', other, '--baseline-ref', 'v0.2.4'], { cwd: d });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/no scorecard at this ref.*--first-release/);
  });

  it('with intervals on both cards, significance mode does not fail on noise but strict does', () => {
    const d = tempDir();
    const m = (v: number) => ({ results: { test_cases_run: 100, metrics: [{ name: 'category_accuracy', value: v, n: 100, ci95: [v - 0.1, v + 0.1] as [number, number] }] } });
    const base = write(d, 'b.md', card('0.2.4', 0.42, m(0.42)));
    const cand = write(d, 'c.md', card('0.2.5', 0.4, m(0.4)));
    expect(runCli(['scorecard', 'gate', '--scorecard', cand, '--baseline-file', base]).code).toBe(1);
    const sig = runCli(['scorecard', 'gate', '--scorecard', cand, '--baseline-file', base, '--mode', 'significance', '--tolerance', '0']);
    expect(sig.code).toBe(0);
    const big = write(d, 'big.md', card('0.2.5', 0.1, m(0.1)));
    expect(runCli(['scorecard', 'gate', '--scorecard', big, '--baseline-file', base, '--mode', 'significance', '--tolerance', '0']).code).toBe(1);
  });
});

describe('scorecard render --run', () => {
  it('gives the card of an imported run, which validates; an unknown run is exit 2', async () => {
    const { exampleCopy } = await import('./example');
    const home = tempDir('greenlight-home-');
    const project = exampleCopy();
    const out = tempDir('greenlight-artefacts-');
    execFileSync(process.execPath, [join(project, 'eval/triage-eval.mjs'), '--output-dir', out, '--quality', '0.9'], { env: { ...process.env, TRIAGE_DELAY_MS: '0' } });
    const imported = runCli(['import', out, '--project', project, '--version', '0.3.1'], { env: { GREENLIGHT_HOME: home } });
    const id = imported.stdout.trim();
    const card = join(tempDir(), 'SCORECARD.md');
    const r = runCli(['scorecard', 'render', '--run', id, '--out', card], { env: { GREENLIGHT_HOME: home } });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(runCli(['scorecard', 'validate', card]).code).toBe(0);
    expect(readFileSync(card, 'utf8')).toMatch(/version: 0\.3\.1/);
    const none = runCli(['scorecard', 'render', '--run', 'nope'], { env: { GREENLIGHT_HOME: home } });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no such run/);
  });
});
