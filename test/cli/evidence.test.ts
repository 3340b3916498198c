/**
 * What the CLI shows of the evidence it read: `gate --json` lists every metric read (with
 * its n, successes, stderr and source) even when no gate names it; `import` of a folder whose
 * only file is an old lm-eval results file loads it with a note, and a folder of files that
 * do not load names their problems instead of "no artefacts found".
 */
import { describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, runCli, tempDir } from '../helpers/cli';
import { exampleCopy } from './example';

const OLD = join(ROOT, 'test/fixtures/lm-eval/harness-0.3/bloom-1b1_gsm8k_8-shot.json');

describe('gate --json', () => {
  it('prints the metrics it read, named gate or not', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'greenlight.yaml'), 'tiers: [dev]\ndefault_tier: dev\ngates:\n  - {name: accuracy, metric: "gsm8k/acc", direction: min, thresholds: {dev: 0.005}}\n');
    copyFileSync(OLD, join(dir, 'old.json'));
    writeFileSync(join(dir, 'm.json'), JSON.stringify({ metrics: [{ name: 'latency_p95_s', value: 2.5, n: 40 }] }));
    const r = runCli(['gate', '--artefact', 'old.json', '--artefact', 'metrics=m.json', '--json'], { cwd: dir });
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { metrics: Array<Record<string, unknown>> };
    expect(report.metrics).toContainEqual({ name: 'gsm8k/acc', value: 0.008339651250947688, stderr: 0.002504942226860508, source: { file: 'old.json', kind: 'lm-eval', pointer: 'results.gsm8k.acc', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    expect(report.metrics.find((m) => m.name === 'latency_p95_s')).toMatchObject({ value: 2.5, n: 40, source: { file: 'm.json', kind: 'metrics' } });
    // The old file's defaults are said, not silent.
    expect(r.stderr).toMatch(/0\.3-era.*assumed|filter "none"/);
  });
});

describe('import of old and unreadable lm-eval files', () => {
  it('a folder whose only file is a harness 0.3 results file imports it, with the note', () => {
    const home = tempDir('greenlight-home-');
    const project = exampleCopy();
    const dir = tempDir();
    copyFileSync(OLD, join(dir, 'bloom-1b1_gsm8k_8-shot.json'));
    const r = runCli(['import', dir, '--project', project, '--version', '0.3.1', '--json'], { env: { GREENLIGHT_HOME: home } });
    const run = JSON.parse(r.stdout) as { metrics: Array<{ name: string; value: number }>; notes: string[] };
    expect(run.metrics.find((m) => m.name === 'gsm8k/acc')?.value).toBe(0.008339651250947688);
    expect(run.notes.join('\n')).toMatch(/0\.3-era/);
  });

  it('a folder whose files do not load names each file and its problem', () => {
    const home = tempDir('greenlight-home-');
    const project = exampleCopy();
    const dir = tempDir();
    writeFileSync(join(dir, 'results.json'), JSON.stringify({ results: { gsm8k: { alias: 'gsm8k' } }, versions: { gsm8k: 3 } }));
    mkdirSync(join(dir, 'notes'));
    const r = runCli(['import', dir, '--project', project], { env: { GREENLIGHT_HOME: home } });
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/no artefacts found/);
    expect(r.stderr).toMatch(/results\.json.*results.*no "metric,filter" entries/);
  });
});
