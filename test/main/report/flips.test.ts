/**
 * Why a report lists no flipped items, said precisely (issue 15): on a real SQLite store, runs
 * whose cards name their baseline and whose items are stored as the runner stores them.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { renderScorecard } from '../../../src/core/scorecard';
import type { Item } from '../../../src/core/items';
import { openDatabase, type Db } from '../../../src/main/store/db';
import { upsertProject } from '../../../src/main/store/projects';
import { finishRun, insertRun } from '../../../src/main/store/run-records';
import { reportFlips } from '../../../src/main/report/flips';
import { tempDir } from '../../helpers/cli';

let db: Db | undefined;
afterEach(() => db?.close());

function card(baseline: Record<string, unknown> | undefined): string {
  const r = renderScorecard({
    schema_version: 1,
    agent: { name: 'Agent', version: '0.2.0' },
    recipe: { dataset: { reference: 'data.json', size: 4 }, methodology: 'm', config: {} },
    results: { test_cases_run: 4, metrics: [{ name: 'acc', value: 0.5, n: 4, successes: 2, higher_is_better: true, scale: 1 }] },
    ...(baseline ? { baseline } : {}),
  });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
}

function store(): { db: Db; project: string; run: (id: string, items: Item[], baseline?: Record<string, unknown>) => void } {
  const home = tempDir('greenlight-flips-');
  const d = openDatabase(join(home, 'greenlight.db'));
  db = d;
  const project = upsertProject(d, { name: 'agent', path: home }).id;
  let n = 0;
  const run = (id: string, items: Item[], baseline?: Record<string, unknown>): void => {
    insertRun(d, { id, projectId: project, eval: 'e', version: '0.2.0', gitCommit: null, gitDirty: false, command: ['true'], cwd: home, env: {}, status: 'running', logPath: null, runDir: join(home, id), hardware: null, tier: 't', gpu: null, timeoutMs: null, ownerPid: null, createdAt: new Date(Date.now() + ++n).toISOString() });
    finishRun(d, id, { status: 'succeeded', exitCode: 0, logBytes: 0, decision: 'ACCEPT', scorecard: card(baseline), items: [{ artefactPath: 'r.json', artefactKind: 'eval-report', items }] });
  };
  return { db: d, project, run };
}

const item = (id: string, passed: boolean, input = `the text of ${id}`): Item => ({ id, passed, input });

describe('the report’s flipped items', () => {
  it('pairs the run with its baseline run: counts, then each way with the input', () => {
    const s = store();
    s.run('base', [item('a', true), item('b', true), item('c', false), item('d', false)]);
    s.run('cand', [item('a', true), item('b', false, 'b  spans\n two lines'), item('c', true), item('d', false), item('e', true)], { kind: 'run', run: 'base' });
    expect(reportFlips(s.db, { id: 'cand', projectId: s.project, scorecard: card({ kind: 'run', run: 'base' }) })).toEqual({
      against: 'run base',
      counts: { paired: 4, both_pass: 1, both_fail: 1, flipped_to_fail: 1, flipped_to_pass: 1, baseline_only: 0, candidate_only: 1 },
      toFail: [{ id: 'b', input: 'b spans two lines' }],
      toPass: [{ id: 'c', input: 'the text of c' }],
    });
  });

  it('says why when nothing can be paired', () => {
    const s = store();
    s.run('base', [item('a', true)]);
    s.run('other', [item('z', true)], { kind: 'run', run: 'base' });
    s.run('bare', [], { kind: 'run', run: 'base' });
    const why = (id: string, baseline: Record<string, unknown> | undefined): string | undefined => reportFlips(s.db, { id, projectId: s.project, scorecard: card(baseline) }).unavailable;
    expect(why('other', { kind: 'run', run: 'base' })).toBe('No item id is shared: 1 items here, 1 in run base, none paired.');
    expect(why('bare', { kind: 'run', run: 'base' })).toBe('This run recorded no per-item pass/fail (its artefacts give none), so no item can be paired.');
    expect(why('other', { kind: 'run', run: 'gone' })).toBe('The baseline run gone is not in this data folder any more, so its items cannot be paired.');
    expect(why('other', { kind: 'release', version: '0.1.0', ref: 'v0.1.0' })).toMatch(/^The baseline is release 0\.1\.0 \(v0\.1\.0\), a scorecard: a card keeps metrics, not per-item outcomes, and the release was not published from a run in this data folder/);
    expect(why('other', { kind: 'first-release', note: 'no tag matching v{version} below 0.2.0' })).toBe('This run had no baseline (no tag matching v{version} below 0.2.0): there is nothing to pair its items with.');
    expect(reportFlips(s.db, { id: 'other', projectId: s.project, scorecard: null }).unavailable).toBe('This run has no scorecard, so no baseline was recorded to pair its items with.');
  });
});
