/**
 * `greenlight init [DIR]` on real folders: a git repository with release tags made here,
 * package.json or VERSION, and artefacts other tools wrote (lm-evaluation-harness, GAIA).
 * The file it writes is one the other commands then read.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, runCli, tempDir } from '../helpers/cli';

const git = (dir: string, ...args: string[]): string =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', '-c', 'commit.gpgsign=false', '-c', 'tag.gpgsign=false', ...args], { cwd: dir, encoding: 'utf8' });

function agentRepo(): string {
  const dir = join(tempDir('greenlight-init-'), 'agent');
  mkdirSync(join(dir, 'results'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: '@acme/mail-agent', version: '0.3.0' }));
  copyFileSync(join(FIXTURES, 'lm-eval', 'results_mmlu_abstract_algebra.json'), join(dir, 'results', 'results_mmlu.json'));
  copyFileSync(join(FIXTURES, 'gaia', 'benchmark_phase2_scorecard.json'), join(dir, 'results', 'scorecard.json'));
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'start');
  for (const t of ['agent-v0.1.0', 'agent-v0.2.0', 'nightly']) git(dir, 'tag', t);
  return dir;
}

describe('greenlight init', () => {
  it('scaffolds from package.json, the artefacts’ kinds and the tags’ pattern; the file validates and an import gates with it', () => {
    const dir = agentRepo();
    const r = runCli(['init', dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('version from package.json');
    expect(r.stderr).toContain('tag pattern agent-v{version} (2 of 3 tags)');
    const yaml = readFileSync(join(dir, 'greenlight.yaml'), 'utf8');
    expect(yaml).toContain('project: "mail-agent"');
    expect(yaml).toContain('version: {from: "package.json"}');
    expect(yaml).toContain('tag_pattern: "agent-v{version}"');
    expect(yaml).toMatch(/\{kind: lm-eval, path: "\{run_dir\}\/results_mmlu\.json"\} {2}# found: results\/results_mmlu\.json/);
    expect(yaml).toMatch(/\{kind: gaia-benchmark, path: "\{run_dir\}\/scorecard\.json"\}/);
    expect(yaml).toMatch(/^# /m);
    // The scaffold is a project the other commands read: an import of the found artefacts gates.
    const imp = runCli(['import', join(dir, 'results'), '--project', dir, '--json']);
    expect(imp.stderr).not.toMatch(/greenlight\.yaml/);
    expect([0, 1]).toContain(imp.code);
    const run = JSON.parse(imp.stdout) as { version: string; gates: unknown[] };
    expect(run.version).toBe('0.3.0');
    expect(run.gates.length).toBeGreaterThan(0);
  });

  it('a folder with VERSION and no git or artefacts: version from the file, the default tag pattern, no gates', () => {
    const dir = tempDir('greenlight-init-');
    writeFileSync(join(dir, 'VERSION'), '1.4.0\n');
    const r = runCli(['init'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('0 artefact(s)');
    expect(r.stderr).toContain('no release tags');
    const yaml = readFileSync(join(dir, 'greenlight.yaml'), 'utf8');
    expect(yaml).toContain('version: {file: "VERSION"}');
    expect(yaml).toContain('tag_pattern: "v{version}"');
    expect(yaml).toContain('gates: []');
  });

  it('never overwrites a greenlight.yaml, and a missing folder is one line, exit 2', () => {
    const dir = tempDir('greenlight-init-');
    writeFileSync(join(dir, 'greenlight.yaml'), 'project: mine\n');
    const r = runCli(['init', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`greenlight: ${join(dir, 'greenlight.yaml')}: already exists; nothing written (greenlight init never overwrites a project file)\n`);
    expect(readFileSync(join(dir, 'greenlight.yaml'), 'utf8')).toBe('project: mine\n');
    const missing = runCli(['init', join(dir, 'nope')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`greenlight: ${join(dir, 'nope')}: not a folder (nothing is there)\n`);
    expect(existsSync(join(dir, 'nope'))).toBe(false);
  });

  it('refuses a file, a dangling greenlight.yaml link and a folder it cannot write to, writing nothing', () => {
    const dir = tempDir('greenlight-init-');
    writeFileSync(join(dir, 'notes.txt'), 'x');
    expect(runCli(['init', join(dir, 'notes.txt')]).stderr).toBe(`greenlight: ${join(dir, 'notes.txt')}: not a folder (a file of that name is there)\n`);
    const linked = tempDir('greenlight-init-');
    symlinkSync(join(linked, 'elsewhere.yaml'), join(linked, 'greenlight.yaml'));
    const l = runCli(['init', linked]);
    expect(l.code).toBe(2);
    expect(l.stderr).toContain('already exists; nothing written');
    expect(existsSync(join(linked, 'elsewhere.yaml'))).toBe(false);
    // Root writes through a 0555 mode; sysfs refuses a new file even to root.
    const locked = process.getuid?.() === 0 ? '/sys/kernel' : tempDir('greenlight-init-');
    if (locked !== '/sys/kernel') chmodSync(locked, 0o555);
    const r = runCli(['init', locked]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^greenlight: ${locked}: the folder is not writable \\((EACCES|EPERM|EROFS)\\); nothing written\n$`));
    expect(readdirSync(locked).filter((f) => f.startsWith('.greenlight-init-') || f === 'greenlight.yaml')).toEqual([]);
  });
});
