/**
 * `greenlight run --pipeline` on the example project (issue 17), the built CLI as CI runs it:
 * stages in --json, the first failing stage deciding, a broken graph as one line and exit 2,
 * and --resume skipping the stages that passed with the same command and inputs.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exampleCopy } from './example';
import { runCli, tempDir } from '../helpers/cli';

const fast = { TRIAGE_DELAY_MS: '0' };
type Stage = { status: string; decision: string | null; failure_class: string | null; jobs: Array<{ status: string; label: string; attempts: number }> };

describe('greenlight run --pipeline', () => {
  it('runs the example pipeline: a stage per gate, a matrix stage with a job per seed, ACCEPT', () => {
    const r = runCli(['run', '--project', exampleCopy(), '--pipeline', '--json'], { env: fast });
    expect(r.code).toBe(0);
    const run = JSON.parse(r.stdout) as { decision: string; status: string; stages: Record<string, Stage> };
    expect(run).toMatchObject({ status: 'succeeded', decision: 'ACCEPT' });
    expect(Object.keys(run.stages)).toEqual(['smoke', 'benchmark']);
    expect(run.stages.benchmark!.jobs.map((j) => [j.label, j.status])).toEqual([
      ['benchmark[seed=7]', 'succeeded'],
      ['benchmark[seed=11]', 'succeeded'],
    ]);
    expect(r.stderr).toContain('stage benchmark: passed (ACCEPT)');
  });

  it('a failing candidate stops the chain at the first stage: REGRESSION from smoke, benchmark skipped, exit 1', () => {
    const r = runCli(['run', '--project', exampleCopy(), '--pipeline', '--json'], { env: { ...fast, TRIAGE_QUALITY: '0.4' } });
    expect(r.code).toBe(1);
    const run = JSON.parse(r.stdout) as { decision: string; stages: Record<string, Stage> };
    expect(run.decision).toBe('REGRESSION');
    expect(run.stages.smoke).toMatchObject({ status: 'failed', decision: 'REGRESSION' });
    expect(run.stages.benchmark).toMatchObject({ status: 'skipped', jobs: [] });
  });

  it('an unknown need and a cycle are one line naming the stage, exit 2, nothing stored', () => {
    const home = tempDir('greenlight-home-');
    for (const [from, to, expected] of [
      ['needs: [smoke]', 'needs: [smok]', /pipeline\.stages\.1\.needs\.0: stage "benchmark" needs "smok", which is not a stage/],
      ['    - name: smoke\n', '    - name: smoke\n      needs: [benchmark]\n', /stages form a cycle: (smoke → benchmark → smoke|benchmark → smoke → benchmark)/],
    ] as const) {
      const dir = exampleCopy();
      const file = join(dir, 'greenlight.yaml');
      writeFileSync(file, readFileSync(file, 'utf8').replace(from, to));
      const r = runCli(['run', '--project', dir, '--pipeline'], { env: { ...fast, GREENLIGHT_HOME: home } });
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(expected);
    }
    expect(runCli(['runs', 'list', '--json'], { env: { GREENLIGHT_HOME: home } }).stdout.trim()).toBe('[]');
  });

  it('--resume re-runs only what changed: an unchanged, passed stage is reused', () => {
    const home = tempDir('greenlight-home-');
    const dir = exampleCopy();
    const first = runCli(['run', '--project', dir, '--pipeline', '--json'], { env: { ...fast, GREENLIGHT_HOME: home } });
    expect(first.code).toBe(0);
    // Change the benchmark's command only: smoke keeps its key and is not run again.
    const file = join(dir, 'greenlight.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('matrix: {seed: ["7", "11"]}', 'matrix: {seed: ["7", "13"]}'));
    const again = runCli(['run', '--project', dir, '--pipeline', '--resume', '--json'], { env: { ...fast, GREENLIGHT_HOME: home } });
    expect(again.code).toBe(0);
    const a = JSON.parse(first.stdout) as { id: string };
    const b = JSON.parse(again.stdout) as { id: string; decision: string; stages: Record<string, Stage> };
    expect(b.id).toBe(a.id);
    expect(b.decision).toBe('ACCEPT');
    expect(b.stages.smoke!.status).toBe('reused');
    expect(b.stages.benchmark!.status).toBe('passed');
    expect(b.stages.benchmark!.jobs.map((j) => j.label)).toEqual(['benchmark[seed=7]', 'benchmark[seed=13]']);
    // The reused stage's measurements are still the run's (issue 18): its metric and the new seed's.
    const metrics = (b as unknown as { metrics: Array<{ name: string }> }).metrics.map((m) => m.name);
    // Named after their stage (issue v1): smoke's pass rate is not the benchmark's.
    expect(metrics).toEqual(expect.arrayContaining(['smoke/task_pass_rate', 'benchmark/category_accuracy[seed=13]']));
    expect(metrics).not.toContain('benchmark/category_accuracy[seed=11]');
    expect(metrics.filter((m) => !m.startsWith('smoke/') && !m.startsWith('benchmark/'))).toEqual([]);
  });
});
