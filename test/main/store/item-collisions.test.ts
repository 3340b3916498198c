/**
 * Two artefacts of one run that both have an item "1" (issue 18): both are kept, named apart
 * where they collide, and paired with the other run's item from the same artefact — never with
 * the other artefact's "1". Real files: two Inspect logs from inspect_ai's own tests whose
 * sample ids overlap (popularity: ids 1–10, 3 and 7 wrong; log_streaming: ids 1–2 × 2 epochs,
 * sample 1 epoch 1 wrong).
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadArtefact } from '../../../src/main/artefacts';
import { openDatabase, type Db } from '../../../src/main/store/db';
import { upsertProject } from '../../../src/main/store/projects';
import { finishRun, insertRun } from '../../../src/main/store/run-records';
import { itemOutcomes, queryItems } from '../../../src/main/store/run-items';
import type { ItemBatch } from '../../../src/main/store/run-items';
import { itemFlips } from '../../../src/core/diff';
import { tempDir } from '../../helpers/cli';

const FIXTURES = join(__dirname, '../../fixtures/inspect');
const POPULARITY = join(FIXTURES, '2025-02-11T15-18-04-05-00_popularity_mj7khqpMM4GBCfVQozKgzB.eval');
const STREAMING = join(FIXTURES, 'log_streaming.eval');

async function batch(file: string, runDir: string, name: string): Promise<ItemBatch> {
  const r = await loadArtefact(file);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  // As a run stores it: the artefact's path inside the run's folder.
  return { artefactPath: join(runDir, name), artefactKind: r.value.kind, items: r.value.items ?? [] };
}

async function storeRun(db: Db, projectId: string, id: string, files: Array<[string, string]>): Promise<void> {
  const runDir = join(tempDir(), id);
  insertRun(db, { id, projectId, eval: 'e', version: '1', gitCommit: null, gitDirty: null, command: [], cwd: null, env: {}, status: 'running', logPath: null, runDir, hardware: null, tier: null, gpu: null, timeoutMs: null, ownerPid: null });
  const items = await Promise.all(files.map(([f, name]) => batch(f, runDir, name)));
  finishRun(db, id, { status: 'succeeded', exitCode: 0, logBytes: 0, items });
}

describe('item ids shared by two artefacts of one run', () => {
  it('keeps both, names them apart, and pairs each with its own artefact', async () => {
    const db = openDatabase(join(tempDir(), 'greenlight.db'));
    const p = upsertProject(db, { name: 'p', path: tempDir() });
    await storeRun(db, p.id, 'a', [[POPULARITY, 'popularity.eval'], [STREAMING, 'streaming.eval']]);
    // The same files the other way round: the order must not decide what pairs with what.
    await storeRun(db, p.id, 'b', [[STREAMING, 'streaming.eval'], [POPULARITY, 'popularity.eval']]);

    // Both "1"s are stored and found, each with its artefact.
    const ones = queryItems(db, 'a', { ids: ['1'] }).items;
    expect(ones.map((i) => `${i.artefact.split('/').pop()}:${i.epoch ?? 1}`).sort()).toEqual(['popularity.eval:1', 'streaming.eval:1', 'streaming.eval:2']);

    const a = itemOutcomes(db, 'a');
    expect(a.size).toBe(14);
    expect(a.get('1 @ popularity.eval')?.passed).toBe(true);
    expect(a.get('1 @ streaming.eval')?.passed).toBe(false);
    expect(a.get('3')?.passed).toBe(false); // 3 is popularity's only: its plain id names it
    // Ids only popularity has keep their plain names; the epoch-2 repeats are unique too.
    expect([...a.keys()].filter((k) => !k.includes(' @ ')).sort()).toEqual(['1#2', '10', '2#2', '3', '4', '5', '6', '7', '8', '9']);

    // Same outcomes on both sides: everything pairs and nothing flipped (before, item "1" of one
    // artefact overwrote the other's, and the order of the artefacts made a flip out of nothing).
    const f = itemFlips(a, itemOutcomes(db, 'b'));
    expect(f).toMatchObject({ paired: 14, both_pass: 11, both_fail: 3, flipped_to_fail: [], flipped_to_pass: [], baseline_only: 0, candidate_only: 0 });
    db.close();
  });

  it('pairs by id alone what is unique, when the other side has the item from one artefact only', async () => {
    const db = openDatabase(join(tempDir(), 'greenlight.db'));
    const p = upsertProject(db, { name: 'p', path: tempDir() });
    await storeRun(db, p.id, 'one', [[POPULARITY, 'renamed.eval']]);
    await storeRun(db, p.id, 'two', [[POPULARITY, 'popularity.eval'], [STREAMING, 'streaming.eval']]);
    const f = itemFlips(itemOutcomes(db, 'one'), itemOutcomes(db, 'two'));
    // 3–10 pair by id (unique on both sides, the artefact renamed); "1" and "2" exist twice on
    // the candidate and once on the baseline under another artefact name: left unpaired, not guessed.
    expect(f).toMatchObject({ paired: 8, both_pass: 6, both_fail: 2, flipped_to_fail: [], flipped_to_pass: [] });
    expect(f?.candidate_only).toBe(6);
    db.close();
  });
});
