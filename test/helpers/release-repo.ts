/**
 * Real git repositories for release tests: a project with greenlight.yaml and package.json,
 * a bare remote to push to, scorecards rendered by the scorecard room, and runs written
 * through the store's own functions.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderScorecard } from '../../src/core/scorecard';
import { openDatabase } from '../../src/main/store/db';
import { upsertProject } from '../../src/main/store/projects';
import { finishRun, insertRun } from '../../src/main/store/run-records';
import { ROOT, tempDir, type CliResult } from './cli';

export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export interface ReleaseRepo {
  dir: string;
  remote: string;
  home: string;
}

export function makeRepo(yaml: string, version = '0.1.0'): ReleaseRepo {
  const root = tempDir('greenlight-release-');
  const dir = join(root, 'project');
  const remote = join(root, 'remote.git');
  execFileSync('git', ['init', '--bare', '-q', '-b', 'main', remote]);
  mkdirSync(dir);
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.name', 'Release Tester');
  git(dir, 'config', 'user.email', 'release@example.test');
  git(dir, 'config', 'commit.gpgsign', 'false');
  git(dir, 'config', 'tag.gpgsign', 'false');
  writeFileSync(join(dir, 'greenlight.yaml'), yaml);
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: 'agent-email', version }, null, 2)}\n`);
  mkdirSync(join(dir, 'src'));
  writeFileSync(join(dir, 'src', 'agent.txt'), 'triage\n');
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'initial');
  git(dir, 'remote', 'add', 'origin', remote);
  git(dir, 'push', '-q', 'origin', 'main');
  return { dir, remote, home: join(root, 'home') };
}

export function setVersion(repo: ReleaseRepo, version: string): string {
  writeFileSync(join(repo.dir, 'package.json'), `${JSON.stringify({ name: 'agent-email', version }, null, 2)}\n`);
  git(repo.dir, 'commit', '-q', '-am', `version ${version}`);
  return git(repo.dir, 'rev-parse', 'HEAD').trim();
}

export interface CardSpec {
  version: string;
  successes: number;
  n?: number;
  commit?: string;
  decision?: 'ACCEPT' | 'REGRESSION' | 'ANOMALOUS' | 'INFEASIBLE' | 'INCONCLUSIVE';
  limit?: number;
}

export function card(spec: CardSpec): string {
  const n = spec.n ?? 100;
  const value = spec.successes / n;
  const r = renderScorecard(
    {
      schema_version: 1,
      agent: { name: 'Email Triage', version: spec.version },
      recipe: { dataset: { reference: 'tests/fixtures/email', size: 220 }, methodology: 'gaia eval benchmark', config: { model: 'gemma-4-e4b', limit: spec.limit ?? 100 } },
      results: {
        test_cases_run: n,
        metrics: [{ name: 'category_accuracy', value, n, successes: spec.successes, higher_is_better: true }],
        breakdown: { per_category: [{ category: 'urgent', total: 40, correct: Math.round(40 * value), accuracy: Math.round(40 * value) / 40 }] },
      },
      gates: { tier: 'first_sft', decision: spec.decision ?? 'ACCEPT', results: [{ name: 'no_regression', status: spec.decision === 'REGRESSION' ? 'fail' : 'pass' }] },
      provenance: { git_commit: spec.commit ?? null, dirty: false },
    },
    { generatedAt: '2026-01-01T00:00:00Z' },
  );
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
}

let runCounter = 0;
/** Record a finished run with a decision and its rendered card, as the runner would. */
export function recordRun(repo: ReleaseRepo, spec: CardSpec & { decision: NonNullable<CardSpec['decision']> }): string {
  const db = openDatabase(join(repo.home, 'greenlight.db'));
  try {
    const project = upsertProject(db, { name: 'email-triage', path: repo.dir });
    const id = `run-${spec.version}-${++runCounter}`;
    insertRun(db, {
      id, projectId: project.id, eval: 'benchmark', version: spec.version, gitCommit: spec.commit ?? null, gitDirty: false, command: ['true'], cwd: repo.dir, env: {},
      status: 'running', logPath: null, runDir: join(repo.home, 'runs', id), hardware: null, tier: 'first_sft', gpu: null, timeoutMs: null, ownerPid: null,
      createdAt: new Date(Date.now() + runCounter).toISOString(),
    });
    finishRun(db, id, { status: 'succeeded', exitCode: 0, logBytes: 0, decision: spec.decision, failureClass: spec.decision === 'REGRESSION' ? 'UNKNOWN' : spec.decision === 'INCONCLUSIVE' ? 'MISSING_INPUT' : null, scorecard: card(spec) });
    return id;
  } finally {
    db.close();
  }
}

/** The built CLI, asynchronously, so a hub served by this process keeps answering. */
export function runCliAsync(args: string[], opts: { home: string; env?: Record<string, string | undefined>; cwd?: string }): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'out/main/cli.js'), ...args], {
      cwd: opts.cwd ?? ROOT,
      env: { ...process.env, GREENLIGHT_HOME: opts.home, ...opts.env } as NodeJS.ProcessEnv,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
