/** `greenlight import DIR`: artefacts from evals run elsewhere become an imported run. */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDir } from '../helpers/cli';
import { exampleCopy } from './example';

function artefactsFolder(quality: string): string {
  const out = tempDir('greenlight-artefacts-');
  const project = exampleCopy();
  execFileSync(process.execPath, [join(project, 'eval/triage-eval.mjs'), '--output-dir', out, '--quality', quality], { env: { ...process.env, TRIAGE_DELAY_MS: '0' } });
  return out;
}

describe('greenlight import', () => {
  it('imports a folder: status imported, metrics, gates, decision, artefacts copied beside the run', () => {
    const home = tempDir('greenlight-home-');
    const project = exampleCopy();
    const dir = artefactsFolder('0.9');
    const r = runCli(['import', dir, '--project', project, '--version', '0.3.1', '--json'], { env: { GREENLIGHT_HOME: home } });
    expect(r.stderr).toMatch(/imported, ACCEPT/);
    expect(r.code).toBe(0);
    const run = JSON.parse(r.stdout) as { status: string; version: string; decision: string; artefacts: Array<{ kind: string; copy_path: string }>; metrics: Array<{ name: string }>; run_dir: string };
    expect(run).toMatchObject({ status: 'imported', version: '0.3.1', decision: 'ACCEPT' });
    expect(run.artefacts.map((a) => a.kind).sort()).toEqual(['eval-report', 'gaia-benchmark']);
    expect(run.metrics.map((m) => m.name)).toContain('category_accuracy');
    for (const a of run.artefacts) expect(existsSync(a.copy_path)).toBe(true);
    expect(readdirSync(join(run.run_dir, 'artefacts')).sort()).toEqual(['eval-report.json', 'scorecard.json']);
    const list = JSON.parse(runCli(['runs', 'list', '--json', '--status', 'imported'], { env: { GREENLIGHT_HOME: home } }).stdout) as unknown[];
    expect(list).toHaveLength(1);
  });

  it('a failing candidate imports with exit 1', () => {
    const r = runCli(['import', artefactsFolder('0.4'), '--project', exampleCopy(), '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'imported', decision: 'REGRESSION' });
  });

  it('an empty folder, a broken artefact or a missing folder: one line, exit 2, nothing stored', () => {
    const home = tempDir('greenlight-home-');
    const project = exampleCopy();
    const empty = tempDir();
    const broken = tempDir();
    writeFileSync(join(broken, 'scorecard.json'), '{"scenarios": "not a list"}');
    mkdirSync(join(broken, 'sub'));
    for (const [dir, re] of [
      [empty, /no artefacts found/],
      [broken, /scorecard\.json: scenarios: /],
      [join(empty, 'missing'), /missing: not a folder of artefacts/],
    ] as Array<[string, RegExp]>) {
      const r = runCli(['import', dir, '--project', project], { env: { GREENLIGHT_HOME: home } });
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(re);
    }
    expect(JSON.parse(runCli(['runs', 'list', '--json'], { env: { GREENLIGHT_HOME: home } }).stdout)).toEqual([]);
    expect(existsSync(join(home, 'runs')) ? readdirSync(join(home, 'runs')) : []).toEqual([]);
  });
});
