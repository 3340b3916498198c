/** `greenlight run` on a project whose paths try to leave it: exit 2, one line naming the file and field, nothing run. */
import { describe, expect, it } from 'vitest';
import { existsSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDir } from '../helpers/cli';

const NODE = JSON.stringify(process.execPath);
const TOUCH = JSON.stringify("require('fs').writeFileSync('ran', '1')");

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

function project(evalExtra: string): string {
  const dir = tempDir('greenlight-sec-project-');
  writeFileSync(join(dir, 'greenlight.yaml'), `project: sec\nversion: {value: 1.0.0}\nevals:\n  - name: e\n    command: [${NODE}, -e, ${TOUCH}]\n    gpu: none\n${evalExtra}`);
  return dir;
}

describe('greenlight run: paths confined to the project', () => {
  it.each([
    ['../../outside', 'evals[e].artefacts[0].path', '    artefacts:\n      - {kind: eval-report, path: "../../outside/report.json"}\n'],
    ['an absolute path', 'evals[e].artefacts[0].path', '    artefacts:\n      - {kind: eval-report, path: "/etc/passwd"}\n'],
    ['a ground truth outside', 'evals[e].artefacts[0].ground_truth', '    artefacts:\n      - {kind: gaia-benchmark, path: "{run_dir}/s.json", ground_truth: "../gt.json"}\n'],
    ['a cwd outside', 'evals[e].cwd', '    cwd: /tmp\n'],
  ])('%s is a usage error (exit 2) naming the file and field, and the eval never starts', (_what, field, extra) => {
    const dir = project(extra);
    const r = runCli(['run', '--project', dir]);
    expect(r.code).toBe(2);
    // The line of the field, then the path that names the eval: `…/greenlight.yaml:7: evals[e].cwd: `.
    expect(r.stderr).toMatch(new RegExp(`${escape(join(dir, 'greenlight.yaml'))}:\\d+: ${escape(field)}: `));
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(dir, 'ran'))).toBe(false);
  });

  it('an artefact reached through a link out of the project fails the run and is never read', () => {
    const outside = tempDir('greenlight-outside-');
    writeFileSync(join(outside, 'report.json'), JSON.stringify({ name: 'x', started_at: 'a', ended_at: 'b', task_count: 1, pass_count: 1, fail_count: 0, error_count: 0, pass_rate: 1, results: [] }));
    const dir = project('    artefacts:\n      - {kind: eval-report, path: "out/report.json"}\n');
    symlinkSync(outside, join(dir, 'out'));
    const r = runCli(['run', '--project', dir, '--json']);
    expect(r.code).not.toBe(0);
    const run = JSON.parse(r.stdout) as { status: string; metrics: unknown[] };
    expect(run.status).toBe('failed');
    expect(run.metrics).toEqual([]);
    expect(r.stderr + r.stdout).toMatch(/greenlight\.yaml:8: evals\[e\]\.artefacts\[0\]\.path: out\/report\.json: a symbolic link leads outside the project/);
  });
});
