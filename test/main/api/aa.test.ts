/**
 * Starting an A/A pair through the service table (the console's call, issue 16): one eval,
 * twice, stored as a pair whose noise floor `runs.noiseFloor` reads once both have ended; a
 * project with several evals must name one.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { closeContext, createContext, type AppContext } from '../../../src/main/context/context';
import { dispatch } from '../../../src/main/api';
import { runManager } from '../../../src/main/runner/manager';
import type { NoiseFloorView, RunDetail } from '../../../src/shared/schemas';
import { ROOT, tempDir } from '../../helpers/cli';

let ctx: AppContext | undefined;
afterEach(() => {
  if (ctx) closeContext(ctx);
  ctx = undefined;
  delete process.env.GREENLIGHT_HOME;
});

// Pass/fail items at random: two runs of the same version differ by noise only.
const EVAL = `
const fs = require('fs');
const results = Array.from({ length: 120 }, (_, i) => ({ task_id: 't' + i, passed: Math.random() < 0.7 }));
fs.writeFileSync(process.argv[2] + '/report.json', JSON.stringify({ task_count: 120, pass_count: results.filter((r) => r.passed).length, results }));
`;

function project(evals: string[]): string {
  const dir = tempDir('greenlight-aa-project-');
  writeFileSync(join(dir, 'eval.js'), EVAL);
  const list = evals.map((e) => `  - name: ${e}\n    command: [${JSON.stringify(process.execPath)}, eval.js, "{run_dir}"]\n    gpu: none\n    artefacts:\n      - {kind: eval-report, path: "{run_dir}/report.json"}\n`).join('');
  writeFileSync(join(dir, 'greenlight.yaml'), `project: aa\nversion: {value: 1.0.0}\nevals:\n${list}`);
  return dir;
}

async function open(c: AppContext, dir: string): Promise<string> {
  const r = await dispatch(c, 'projects.open', { path: dir });
  if (!r.ok) throw new Error(r.error.message);
  return (r.value as { id: string }).id;
}

describe('runs.start with aa', () => {
  it('starts the eval twice as one pair; its noise floor is read once both have ended', async () => {
    process.env.GREENLIGHT_HOME = tempDir('greenlight-home-');
    const c = (ctx = createContext({ face: 'browser', root: ROOT }));
    const projectId = await open(c, project(['qa']));
    const r = await dispatch(c, 'runs.start', { projectId, aa: true });
    expect(r.ok).toBe(true);
    const [a, b] = (r.ok ? r.value : []) as RunDetail[];
    expect(a!.aaPartner).toBe(b!.id);
    expect(b!.aaPartner).toBe(a!.id);
    const early = await dispatch(c, 'runs.noiseFloor', { id: a!.id });
    expect((early.ok ? early.value : null) as NoiseFloorView).toMatchObject({ own: true, state: 'running', rows: [] });
    // Wait for both runs (real child processes) to end.
    const manager = runManager(c);
    for (let i = 0; i < 200 && (manager.isActive(a!.id) || manager.isActive(b!.id)); i++) await new Promise((res) => setTimeout(res, 50));
    const done = await dispatch(c, 'runs.noiseFloor', { id: b!.id });
    const view = (done.ok ? done.value : null) as NoiseFloorView;
    expect(view.state).toBe('ready');
    expect([view.first.id, view.second.id]).toEqual([a!.id, b!.id]);
    const row = view.rows.find((x) => x.metric === 'task_pass_rate')!;
    expect(row.paired_items).toBe(120);
    // Two independent 70% draws agree on an item 58% of the time: some of 120 items differ.
    expect(row.flipped).toBeGreaterThan(0);
    expect(row.differing.length).toBe(Math.min(row.flipped ?? 0, 20));
    expect(row.noise_floor).toBeGreaterThan(0);
  });

  it('a project with several evals must name one: invalid input, nothing started', async () => {
    process.env.GREENLIGHT_HOME = tempDir('greenlight-home-');
    const c = (ctx = createContext({ face: 'browser', root: ROOT }));
    const projectId = await open(c, project(['qa', 'other']));
    const r = await dispatch(c, 'runs.start', { projectId, aa: true });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('invalid_input');
      expect(r.error.message).toContain('an A/A run compares two runs of one eval; name it (evals: qa, other)');
    }
    const list = await dispatch(c, 'runs.list', {});
    expect(list.ok && (list.value as { total: number }).total).toBe(0);
  });
});
