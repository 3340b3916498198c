/** importFolder with a real store: the status it announces is the status it stored. */
import { afterEach, describe, expect, it } from 'vitest';
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { closeContext, evalYaml, makeProject, openStore } from '../runner/helpers';
import { tempDir } from '../../helpers/cli';
import { importFolder } from '../../../src/main/judge/import';
import { loadProject } from '../../../src/main/project/load';
import type { AppContext } from '../../../src/main/context/context';
import type { GreenlightEvent } from '../../../src/shared/events';

let ctx: (AppContext & { events$: GreenlightEvent[] }) | null = null;
afterEach(() => {
  if (ctx) closeContext(ctx);
  ctx = null;
});

const report = JSON.stringify({
  name: 'x', started_at: 'a', ended_at: 'b', task_count: 2, pass_count: 1, fail_count: 1, error_count: 0, pass_rate: 0.5,
  results: [0, 1].map((i) => ({ task_id: `t${i}`, passed: i === 0, outcome: { cost: 0.01, duration_s: 1, status: 'ok', error: null } })),
});

const statuses = (c: { events$: GreenlightEvent[] }, id: string): string[] =>
  c.events$.filter((e) => e.type === 'run.status' && e.runId === id).map((e) => (e as { status: string }).status);

describe('importFolder', () => {
  it('an import that is stored as failed is announced as failed, not imported', async () => {
    const project = loadProject(makeProject(evalYaml(['true'])));
    const elsewhere = tempDir('greenlight-elsewhere-');
    writeFileSync(join(elsewhere, 'report.json'), report);
    const dir = tempDir('greenlight-artefacts-');
    // Loads fine, but the evaluation refuses it: the link leads outside the project and the folder.
    symlinkSync(join(elsewhere, 'report.json'), join(dir, 'report.json'));
    ctx = openStore();
    const run = await importFolder(ctx, dir, project);
    expect(run.status).toBe('failed');
    expect(statuses(ctx, run.id)).toEqual(['failed']);
  });

  it('a good import is stored and announced as imported, run from the project folder', async () => {
    const projectDir = makeProject(evalYaml(['true']));
    const project = loadProject(projectDir);
    const dir = tempDir('greenlight-artefacts-');
    writeFileSync(join(dir, 'report.json'), report);
    ctx = openStore();
    const run = await importFolder(ctx, dir, project);
    expect(run.status).toBe('imported');
    expect(statuses(ctx, run.id)).toEqual(['imported']);
    expect(run.artefacts[0]?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(run.cwd).toBe(project.dir);
  });
});
