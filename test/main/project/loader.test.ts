/**
 * The project loader's problems point at things: the file and line, and a path that names
 * gates and evals by name, as a user reads greenlight.yaml. Real files in temp folders.
 */
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError, formatProblem } from '../../../src/core/errors';
import { loadProject } from '../../../src/main/project/load';
import { tempDir } from '../../helpers/cli';

function project(yaml: string): { dir: string; file: string } {
  const dir = tempDir('greenlight-loader-');
  writeFileSync(join(dir, 'greenlight.yaml'), yaml);
  return { dir, file: join(dir, 'greenlight.yaml') };
}

function problems(dir: string): string[] {
  try {
    loadProject(dir);
  } catch (err) {
    if (err instanceof UsageError) return err.problems.map((p) => formatProblem(p));
    throw err;
  }
  throw new Error('expected the project to be refused');
}

const GATES = `project: demo
version: {value: 1.0.0}
gates:
  - name: accuracy
    direction: min
    thresholds: {base: 0.5, first_sft: 0.6, future: 0.7}
  - name: no_regression
    kind: threshold
    metric: accuracy
    direction: up
    thresholds: {base: 0.5}
`;

describe('problems name the file, the line and the gate or eval', () => {
  it('a gate is named by its name, at the line of the bad field', () => {
    const { dir, file } = project(GATES);
    expect(problems(dir)).toEqual([`${file}:10: gates[no_regression].direction: expected min or max`]);
  });

  it('an eval is named by its name; a list item without a name keeps its index', () => {
    const { dir, file } = project(`project: demo
evals:
  - name: bench
    command: [node, run.mjs, "{nope}"]
gates:
  - {direction: min, thresholds: {base: 1}}
`);
    expect(problems(dir)).toEqual([
      `${file}:4: evals[bench].command[2]: unknown placeholder {nope} (known: {run_dir}, {version}, {commit}, {project_dir}, {run_id})`,
      `${file}:6: gates[0].name: expected a gate name`,
    ]);
  });

  it('flow-style YAML broken by a {placeholder} gets the hint to quote it', () => {
    const { dir, file } = project('project: demo\nreleases:\n  tag_pattern: [agent-v{version}]\n');
    const [line, ...rest] = problems(dir);
    expect(rest).toEqual([]);
    expect(line).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:3: not valid YAML: `));
    expect(line).toContain('quote it: "agent-v{version}"');
  });

  it('an unknown top-level key is a warning with did-you-mean, and the project still loads', () => {
    const { dir, file } = project('project: demo\nversion: {value: 1.0.0}\ngate:\n  - name: a\n    direction: min\n    thresholds: {base: 1}\n');
    const p = loadProject(dir);
    expect(p.warnings.map((w) => formatProblem(w))).toEqual([expect.stringMatching(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:3: gate: unknown section, ignored; did you mean gates\\?`))]);
    expect(p.policy.gates).toEqual([]);
  });
});
