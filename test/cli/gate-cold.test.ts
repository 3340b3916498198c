/**
 * What a cold `greenlight gate --eval-report F` loads (issue 14): with no greenlight.yaml, the
 * built-in policy comes pre-validated, so neither the YAML parser nor the policy schema loads,
 * and of the artefact readers only eval-report's. With a project file, YAML loads as before.
 */
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hasChunk, loadedFiles, runCli, tempDir } from '../helpers/cli';

function reportDir(): string {
  const dir = tempDir('greenlight-gate-cold-');
  const results = Array.from({ length: 10 }, (_, i) => ({ task_id: `t${i}`, passed: i < 7, outcome: { cost: 0.1, status: 'done' } }));
  writeFileSync(join(dir, 'small.json'), JSON.stringify({ task_count: 10, pass_count: 7, results }));
  return dir;
}

describe('greenlight gate --eval-report, cold', () => {
  it('loads the eval-report adapter alone, and no YAML parser, when there is no project file', () => {
    const dir = reportDir();
    const files = loadedFiles(['gate', '--eval-report', 'small.json'], { cwd: dir });
    expect(hasChunk(files, 'eval-report')).toBe(true);
    for (const other of ['yaml', 'gates', 'lm-eval', 'inspect-log', 'inspect-eval', 'gaia-benchmark', 'shadow-summary', 'scorecard', 'traces']) {
      expect(hasChunk(files, other), other).toBe(false);
    }
    // And the decision is the built-in policy's, as before.
    const r = runCli(['gate', '--eval-report', 'small.json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('decision: ACCEPT at tier first_sft');
  });

  it('reads greenlight.yaml (with the YAML parser) when the folder has one', () => {
    const dir = reportDir();
    writeFileSync(join(dir, 'greenlight.yaml'), 'gates:\n  - name: task_pass_rate\n    direction: min\n    thresholds: {base: 0.9, first_sft: 0.9, future: 0.9}\n');
    const r = runCli(['gate', '--eval-report', 'small.json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/task_pass_rate\s+FAIL/);
    // A project file that is not YAML is still reported at its line, exit 2.
    writeFileSync(join(dir, 'greenlight.yaml'), 'gates: [\n');
    const bad = runCli(['gate', '--eval-report', 'small.json'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('greenlight.yaml');
  });
});
