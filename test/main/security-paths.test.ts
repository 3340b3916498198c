/**
 * Paths from a project stay inside the project or the run folder (SPEC §3): `..`, absolute
 * paths and symbolic links out of the project are refused on the read side with the file and
 * field named, and the publish step never writes outside the repository.
 */
import { existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseEvals } from '../../src/core/project/evals';
import { formatProblem } from '../../src/core/errors';
import { parseReleaseConfig } from '../../src/core/project/releases';
import { escapesRoots } from '../../src/main/artefacts/confine';
import { listTraceFiles } from '../../src/main/artefacts/traces';
import { loadProject } from '../../src/main/project/load';
import { prepareRun } from '../../src/main/runner/prepare';
import { writeCard, type StepContext } from '../../src/main/publish/steps';
import { UsageError } from '../../src/core/errors';
import { tempDir } from '../helpers/cli';
import { closeContext, evalYaml, makeProject, openStore, runEval } from './runner/helpers';
import type { AppContext } from '../../src/main/context/context';

const NODE = process.execPath;
const REPORT = JSON.stringify({ name: 'x', started_at: 'a', ended_at: 'b', task_count: 2, pass_count: 2, fail_count: 0, error_count: 0, pass_rate: 1, results: [] });
const saved = process.env.GREENLIGHT_HOME;
let ctx: AppContext | undefined;
afterEach(() => {
  if (ctx) closeContext(ctx);
  ctx = undefined;
  process.env.GREENLIGHT_HOME = saved;
});

const lines = (doc: unknown): string[] => {
  const r = parseEvals(doc, 'greenlight.yaml');
  return r.ok ? [] : r.problems.map((p) => formatProblem(p));
};

describe('paths in greenlight.yaml', () => {
  it('refuses artefact paths, ground truths and cwd that leave the project, naming the file and field', () => {
    const ev = (extra: object) => ({ evals: [{ name: 'e', command: ['x'], ...extra }] });
    expect(lines(ev({ artefacts: [{ path: '../../outside/report.json' }] }))).toEqual([expect.stringMatching(/^greenlight\.yaml: evals\[e\]\.artefacts\[0\]\.path: "\.\.\/\.\.\/outside\/report\.json": .*without "\.\."/)]);
    expect(lines(ev({ artefacts: [{ path: '/etc/passwd' }] }))).toEqual([expect.stringMatching(/evals\[e\]\.artefacts\[0\]\.path: "\/etc\/passwd": .*not an absolute path/)]);
    expect(lines(ev({ artefacts: [{ path: 'C:\\Users\\x.json' }] }))).toEqual([expect.stringMatching(/evals\[e\]\.artefacts\[0\]\.path/)]);
    expect(lines(ev({ artefacts: [{ path: '{run_dir}/../../x.json' }] }))).toEqual([expect.stringMatching(/evals\[e\]\.artefacts\[0\]\.path/)]);
    expect(lines(ev({ artefacts: [{ path: 'out\\..\\..\\x.json' }] }))).toEqual([expect.stringMatching(/evals\[e\]\.artefacts\[0\]\.path/)]);
    expect(lines(ev({ artefacts: [{ path: '{run_dir}/s.json', ground_truth: '../gt.json' }] }))).toEqual([expect.stringMatching(/evals\[e\]\.artefacts\[0\]\.ground_truth/)]);
    expect(lines(ev({ cwd: '/tmp' }))).toEqual([expect.stringMatching(/evals\[e\]\.cwd: "\/tmp"/)]);
    expect(lines(ev({ cwd: '{project_dir}/..' }))).toEqual([expect.stringMatching(/evals\[e\]\.cwd/)]);
    // Inside: relative paths, {run_dir} and {project_dir}, names that merely start with dots.
    expect(lines(ev({ cwd: '{run_dir}', artefacts: [{ path: '{run_dir}/r.json' }, { path: '{project_dir}/out/r.json', ground_truth: 'data/..gt.json' }, { path: 'out/r.json' }] }))).toEqual([]);
  });

  it('refuses scorecard and version paths that leave the project', () => {
    for (const doc of [{ scorecard: '../SCORECARD.md' }, { scorecard: ['/tmp/SCORECARD.md'] }, { version: { from: '../package.json' } }]) {
      expect(parseReleaseConfig(doc, 'greenlight.yaml').ok).toBe(false);
    }
  });
});

describe('symbolic links out of the project', () => {
  it('escapesRoots sees through links, and through a missing file under a linked folder', () => {
    const outside = tempDir('greenlight-outside-');
    const project = tempDir('greenlight-project-');
    symlinkSync(outside, join(project, 'linked'));
    expect(escapesRoots(join(project, 'a', 'b.json'), [project])).toBeNull();
    expect(escapesRoots(join(project, '..', 'x'), [project])).toMatch(/outside the project/);
    expect(escapesRoots(join(project, 'linked', 'new', 'file.md'), [project])).toMatch(/symbolic link leads outside the project/);
    expect(escapesRoots(`${project}-sibling/x`, [project])).toMatch(/outside/);
  });

  it('a run whose artefact is a link out of the project fails with the file and field named, and reads nothing', async () => {
    const outside = tempDir('greenlight-outside-');
    writeFileSync(join(outside, 'report.json'), REPORT);
    const dir = makeProject(evalYaml([NODE, '-e', '0'], '', '    gpu: none\n    artefacts:\n      - {kind: eval-report, path: "out/report.json"}\n'));
    symlinkSync(outside, join(dir, 'out'));
    ctx = openStore();
    const run = await runEval(ctx, dir);
    expect(run.status).toBe('failed');
    expect(run.notes.join('\n')).toMatch(/greenlight\.yaml:8: evals\[e\]\.artefacts\[0\]\.path: out\/report\.json: a symbolic link leads outside the project .*refused/);
    expect(run.metrics).toEqual([]);
    expect(run.artefacts).toEqual([]);
  });

  it('a cwd that links out of the project is refused before anything runs', () => {
    const outside = tempDir('greenlight-outside-');
    const dir = makeProject(evalYaml([NODE, '-e', '0'], '', '    cwd: work\n'));
    symlinkSync(outside, join(dir, 'work'));
    const project = loadProject(dir);
    let err: unknown;
    try {
      prepareRun(tempDir('greenlight-home-'), project, project.evals[0]!, { commit: null });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UsageError);
    expect((err as UsageError).problems.map((p) => formatProblem(p))).toEqual([expect.stringMatching(/greenlight\.yaml:6: evals\[e\]\.cwd: .*symbolic link leads outside the project/)]);
  });

  it('a trace folder does not follow links that lead out of it; they are listed as skipped', () => {
    const outside = tempDir('greenlight-outside-');
    writeFileSync(join(outside, 'secret.json'), '{"run_id":"x","steps":[]}');
    const traces = tempDir('greenlight-traces-');
    writeFileSync(join(traces, 'a.json'), '{"run_id":"a","steps":[]}');
    symlinkSync(join(outside, 'secret.json'), join(traces, 'b.json'));
    symlinkSync(join(traces, 'a.json'), join(traces, 'c.json'));
    const r = listTraceFiles(traces);
    expect(r.names).toEqual(['a.json', 'c.json']);
    expect(r.unreadable).toEqual([{ name: 'b.json', message: expect.stringMatching(/symbolic link leading outside the folder: not followed/) }]);
  });

  it('publishing never writes the card through a link that leads out of the repository', async () => {
    const outside = tempDir('greenlight-outside-');
    const project = tempDir('greenlight-project-');
    symlinkSync(outside, join(project, 'docs'));
    const step = (cardPath: string): StepContext => ({ plan: { projectDir: project, cardPath, card: '# card\n' }, publish: {}, dataDir: '', env: {} }) as unknown as StepContext;
    await expect(writeCard(step('docs/SCORECARD.md'))).rejects.toThrow(/docs\/SCORECARD\.md: a symbolic link leads outside the project/);
    await expect(writeCard(step('docs/sub/SCORECARD.md'))).rejects.toThrow(/symbolic link leads outside/);
    writeFileSync(join(outside, 'victim.md'), 'keep me');
    symlinkSync(join(outside, 'victim.md'), join(project, 'SCORECARD.md'));
    await expect(writeCard(step('SCORECARD.md'))).rejects.toThrow(/symbolic link leads outside/);
    expect(readdirSync(outside).sort()).toEqual(['victim.md']);
    mkdirSync(join(project, 'cards'));
    await expect(writeCard(step('cards/SCORECARD.md'))).resolves.toMatchObject({ status: 'done' });
    expect(existsSync(join(project, 'cards', 'SCORECARD.md'))).toBe(true);
  });
});
