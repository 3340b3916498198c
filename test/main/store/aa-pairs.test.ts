/**
 * A/A pairs in a real SQLite store (issue 16): each run of a pair names the other, the newest
 * complete pair of an eval is its noise floor, and the noise floor is read from the two runs'
 * stored metrics, item by item — for the console and for a later run's card.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../../src/main/store/db';
import { upsertProject } from '../../../src/main/store/projects';
import { finishRun, insertRun } from '../../../src/main/store/run-records';
import { aaPairOf, latestAaPair, pairAaRuns } from '../../../src/main/store/aa-pairs';
import { noiseFloorForCard, noiseFloorOfRun, settleAaPair } from '../../../src/main/judge/noise-floor';
import type { RunStatus } from '../../../src/shared/schemas';
import { parseScorecard, renderScorecard } from '../../../src/core/scorecard';
import { tempDir } from '../../helpers/cli';

function store(): { db: Db; projectId: string } {
  const db = openDatabase(join(tempDir(), 'greenlight.db'));
  return { db, projectId: upsertProject(db, { name: 'p', path: tempDir() }).id };
}

let clock = 0;
function run(db: Db, projectId: string, id: string, evalName = 'qa'): void {
  clock++;
  insertRun(db, {
    id, projectId, eval: evalName, version: '1.0.0', gitCommit: null, gitDirty: null, command: [], cwd: null, env: {}, status: 'running', logPath: null, runDir: tempDir(),
    hardware: null, tier: null, gpu: null, timeoutMs: null, ownerPid: null, createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, clock)).toISOString(),
  });
}

/** 100 pass/fail items, the first `flips` of them flipped relative to the pattern. */
function passRate(flips: number): { name: string; value: number; n: number; successes: number; scale: number; items: Record<string, number> } {
  const items: Record<string, number> = {};
  for (let i = 0; i < 100; i++) items[`t${i}`] = (i % 10 < 7 ? 1 : 0) ^ (i < flips ? 1 : 0);
  const successes = Object.values(items).reduce((s, v) => s + v, 0);
  return { name: 'pass_rate', value: successes / 100, n: 100, successes, scale: 1, items };
}

function finish(db: Db, id: string, status: RunStatus, metrics = [passRate(0)]): void {
  finishRun(db, id, { status, exitCode: status === 'succeeded' ? 0 : 1, logBytes: 0, metrics, endedAt: new Date(Date.UTC(2026, 0, 1, 1, 0, clock++)).toISOString() } as Parameters<typeof finishRun>[2]);
}

describe('A/A pairs', () => {
  it('each run of a pair finds the pair, in the order the two were stored; other runs find none', () => {
    const { db, projectId } = store();
    run(db, projectId, 'a');
    run(db, projectId, 'b');
    run(db, projectId, 'c');
    pairAaRuns(db, 'a', 'b');
    expect(aaPairOf(db, 'a')).toEqual({ first: 'a', second: 'b' });
    expect(aaPairOf(db, 'b')).toEqual({ first: 'a', second: 'b' });
    expect(aaPairOf(db, 'c')).toBeNull();
    expect(aaPairOf(db, 'nope')).toBeNull();
  });

  it("an eval's noise floor is its newest pair whose two runs both succeeded", () => {
    const { db, projectId } = store();
    for (const id of ['old1', 'old2', 'bad1', 'bad2', 'other1', 'other2']) run(db, projectId, id, id.startsWith('other') ? 'other-eval' : 'qa');
    pairAaRuns(db, 'old1', 'old2');
    pairAaRuns(db, 'bad1', 'bad2');
    pairAaRuns(db, 'other1', 'other2');
    expect(latestAaPair(db, projectId, 'qa')).toBeNull();
    finish(db, 'old1', 'succeeded');
    expect(latestAaPair(db, projectId, 'qa')).toBeNull(); // half a pair measures nothing
    finish(db, 'old2', 'succeeded');
    for (const id of ['other1', 'other2']) finish(db, id, 'succeeded');
    finish(db, 'bad1', 'succeeded');
    finish(db, 'bad2', 'failed');
    // The newer pair failed: the older complete one is still the noise floor; another eval's is not.
    expect(latestAaPair(db, projectId, 'qa')).toEqual({ first: 'old1', second: 'old2' });
    expect(latestAaPair(db, projectId, 'other-eval')).toEqual({ first: 'other1', second: 'other2' });
  });

  it('the noise floor of a pair: metric by metric, with the items that differ', () => {
    const { db, projectId } = store();
    run(db, projectId, 'a');
    run(db, projectId, 'b');
    run(db, projectId, 'later');
    pairAaRuns(db, 'a', 'b');
    finish(db, 'a', 'succeeded', [passRate(0)]);
    expect(noiseFloorOfRun(db, 'a')?.state).toBe('running');
    expect(noiseFloorOfRun(db, 'later')).toBeNull(); // no complete pair yet
    finish(db, 'b', 'succeeded', [passRate(6)]);
    const v = noiseFloorOfRun(db, 'b')!;
    expect(v.own).toBe(true);
    expect(v.state).toBe('ready');
    expect([v.first.id, v.second.id]).toEqual(['a', 'b']);
    const row = v.rows[0]!;
    expect(row.metric).toBe('pass_rate');
    expect(row.paired_items).toBe(100);
    expect(row.flipped).toBe(6);
    // t0..t5 pass in the first run and fail in the second (the pattern passes items 0–6 of each ten).
    expect(row.differing).toEqual(Array.from({ length: 6 }, (_, i) => ({ id: `t${i}`, first: 1, second: 0 })));
    expect(row.difference).toBeCloseTo(-0.06, 12);
    // Six discordant items, all one way, on 100: the paired interval holds the observed −0.06, and
    // the noise floor is half its width — a few points.
    expect(row.interval![0]).toBeLessThan(-0.06);
    expect(row.interval![1]).toBeGreaterThan(-0.06);
    expect(row.noise_floor).toBeGreaterThan(0.02);
    expect(row.noise_floor).toBeLessThan(0.1);
    // Another run of the eval reads the same pair, marked as not its own.
    const later = noiseFloorOfRun(db, 'later')!;
    expect(later.own).toBe(false);
    expect(later.rows[0]!.flipped).toBe(6);
  });

  it('a pair with a failed run measures no noise floor, and says so', () => {
    const { db, projectId } = store();
    run(db, projectId, 'a');
    run(db, projectId, 'b');
    pairAaRuns(db, 'a', 'b');
    finish(db, 'a', 'succeeded');
    finish(db, 'b', 'cancelled');
    expect(noiseFloorOfRun(db, 'a')).toMatchObject({ state: 'failed', rows: [] });
  });

  it("the cards: once both runs of a pair are stored, both carry the pair's floor; a later run's card the newest pair's", () => {
    const { db, projectId } = store();
    run(db, projectId, 'a');
    run(db, projectId, 'b');
    pairAaRuns(db, 'a', 'b');
    const drafted = renderScorecard({
      agent: { name: 'P', version: '1.0.0' },
      recipe: { dataset: { reference: 'qa', size: 100 }, methodology: 'greenlight run --eval qa', config: {} },
      results: { test_cases_run: 100, metrics: [{ name: 'pass_rate', value: 0.7, n: 100, successes: 70 }] },
    });
    if (!drafted.ok) throw new Error(JSON.stringify(drafted.problems));
    const cardOf = (id: string): string => (db.prepare('SELECT scorecard FROM runs WHERE id = ?').get(id) as { scorecard: string }).scorecard;
    finishRun(db, 'a', { status: 'succeeded', exitCode: 0, logBytes: 0, metrics: [passRate(0)], scorecard: drafted.value });
    settleAaPair(db, 'a'); // b still running: nothing to say yet
    expect(cardOf('a')).toBe(drafted.value);
    finishRun(db, 'b', { status: 'succeeded', exitCode: 0, logBytes: 0, metrics: [passRate(4)], scorecard: drafted.value });
    settleAaPair(db, 'b');
    for (const id of ['a', 'b']) {
      const card = cardOf(id);
      expect(card).toContain('## Noise floor (A/A)\n\nThis run is one of an A/A pair: runs `a` and `b` of v1.0.0');
      expect(card).toContain('- `pass_rate`: 4 of 100 items differ between the two runs');
      expect(card.indexOf('## Noise floor')).toBeLessThan(card.indexOf('## Comparison'));
      // In the card's data too, for a reader of the front matter.
      const parsed = parseScorecard(card);
      expect(parsed.ok && (parsed.value.data.noise_floor as { runs: string[] }).runs).toEqual(['a', 'b']);
    }
    // Settling again changes nothing.
    const once = cardOf('a');
    settleAaPair(db, 'b');
    expect(cardOf('a')).toBe(once);
    run(db, projectId, 'later');
    const later = noiseFloorForCard(db, { id: 'later', evalName: 'qa' })!;
    expect(later.own).toBe(false);
    expect(later.version).toBe('1.0.0');
    expect(later.metrics[0]!.flipped).toBe(4);
    // A run of the pair is not cited as "measured by another pair"; another eval and an import have none.
    expect(noiseFloorForCard(db, { id: 'a', evalName: 'qa' })).toBeNull();
    expect(noiseFloorForCard(db, { id: 'later', evalName: 'other' })).toBeNull();
    expect(noiseFloorForCard(db, { id: 'later', evalName: null })).toBeNull();
  });
});
