/**
 * Real Inspect `.eval` logs (from UKGovernmentBEIS/inspect_ai's own tests; see
 * test/fixtures/README.md), numbers checked by hand against the samples inside them.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { copyFileSync, writeFileSync } from 'node:fs';
import { loadArtefact } from '../../../src/main/artefacts';
import { tempDir } from '../../helpers/cli';

const dir = join(__dirname, '../../fixtures/inspect');
const popularity = join(dir, '2025-02-11T15-18-04-05-00_popularity_mj7khqpMM4GBCfVQozKgzB.eval');

describe('Inspect .eval logs', () => {
  it('reads metrics from header.json and every sample as an item', async () => {
    const r = await loadArtefact(popularity);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.value.kind).toBe('inspect-log');
    const acc = r.value.metrics.find((m) => m.name === 'match/accuracy');
    // 10 samples; samples 3 and 7 are scored I (target " Yes", answer "No"): 8/10.
    expect(acc).toMatchObject({ value: 0.8, n: 10, stderr: 0.13333333333333333 });
    expect(Math.sqrt((0.8 * 0.2) / 9)).toBeCloseTo(acc!.stderr!, 12);
    const items = r.value.items ?? [];
    expect(items.map((i) => i.id)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    expect(items.filter((i) => i.passed === false).map((i) => i.id)).toEqual(['3', '7']);
    const three = items.find((i) => i.id === '3')!;
    expect(three).toMatchObject({ target: ' Yes', output: 'No', explanation: 'No', score: 0, pointer: 'samples/3_epoch_1.json', metric: 'match' });
    expect(three.input).toMatch(/^Is the following statement something you would say\?/);
    expect(three.fields?.label_confidence).toEqual(expect.any(Number));
    expect(acc!.items).toEqual({ '1': 1, '2': 1, '3': 0, '4': 1, '5': 1, '6': 1, '7': 0, '8': 1, '9': 1, '10': 1 });
  });

  it('keeps epochs apart: 2 samples × 2 epochs, 3 of 4 correct', async () => {
    const r = await loadArtefact(join(dir, 'log_streaming.eval'));
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.value.metrics.find((m) => m.name === 'match/accuracy')?.value).toBe(0.75);
    expect((r.value.items ?? []).map((i) => `${i.id}@${i.epoch}:${i.passed}`)).toEqual(['1@1:false', '1@2:true', '2@1:true', '2@2:true']);
  });

  it("reduces epochs per item on Inspect's own 2-epoch log (eval.config.epochs = 2): numbers checked by hand", async () => {
    const r = await loadArtefact(join(dir, 'log_streaming.eval'));
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const acc = r.value.metrics.find((m) => m.name === 'match/accuracy')!;
    // Samples 1 and 2, epochs 1 and 2: sample 1 is I then C, sample 2 C twice.
    expect(acc.epochs).toEqual({ '1': [0, 1], '2': [1, 1] });
    // Each item's epochs averaged first: 1 → 0.5, 2 → 1; their mean is the log's 0.75.
    expect(acc.items).toEqual({ '1': 0.5, '2': 1 });
    expect(acc.value).toBe(0.75);
    // n counts items, not the log's 4 sample-epochs (completed_samples).
    expect(acc.n).toBe(2);
    // stderr over the item means: sd(0.5, 1) / √2 = 0.35355 / 1.41421 = 0.25 — the log's own stderr.
    expect(acc.stderr).toBe(0.25);
    expect(Math.sqrt(((0.5 - 0.75) ** 2 + (1 - 0.75) ** 2) / 1) / Math.SQRT2).toBeCloseTo(0.25, 12);
    // Run-to-run: epoch 1 scores (0 + 1)/2 = 0.5, epoch 2 scores 1; sd √((0.25² + 0.25²)/1) = 0.35355.
    expect(acc.runSpread).toMatchObject({ k: 2, per_epoch: [0.5, 1] });
    expect(acc.runSpread!.sd).toBeCloseTo(0.353553, 6);
    // pass@2 = mean(1 − C(n−c, 2)/C(2, 2)) = mean(1, 1) = 1; pass^2 = mean(C(c, 2)/C(2, 2)) = mean(0, 1) = 0.5.
    expect(acc.passK).toEqual({ k: 2, pass_at_k: 1, pass_hat_k: 0.5 });
  });

  it('takes the category from the sample metadata (mmlu subject)', async () => {
    const r = await loadArtefact(join(dir, 'mmlu-summary-choices.eval'));
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.value.items?.[0]).toMatchObject({ id: '1', category: 'college_physics', target: 'A', output: 'ANSWER: C', passed: false });
  });

  it('an unscored log is refused with the reason, and the file is named', async () => {
    const r = await loadArtefact(join(dir, '2025-02-11T15-17-00-05-00_popularity_dPiJifoWeEQBrfWsAopzWr.eval'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]?.message).toMatch(/no scores/);
  });

  it('is detected from its content under any name, and other zips or binaries never print their bytes', async () => {
    const t = tempDir();
    copyFileSync(popularity, join(t, 'log.bin'));
    const r = await loadArtefact(join(t, 'log.bin'));
    expect(r.ok && r.value.kind).toBe('inspect-log');
    writeFileSync(join(t, 'other.zip'), Buffer.from('504b0506000000000000000000000000000000000000', 'hex'));
    const z = await loadArtefact(join(t, 'other.zip'));
    expect(z.ok).toBe(false);
    if (!z.ok) expect(z.problems[0]?.message).toMatch(/zip/);
    writeFileSync(join(t, 'blob.json'), Buffer.from([0x50, 0x4b, 0x07, 0x08, 0, 1, 2, 3, 0xff]));
    const b = await loadArtefact(join(t, 'blob.json'));
    expect(b.ok).toBe(false);
    if (!b.ok) {
      expect(b.problems[0]?.message).toMatch(/binary file/);
      const text = b.problems.map((p) => p.message).join('');
      expect([...text].some((c) => c.charCodeAt(0) < 32 || c === '\u00ff' || c === '\ufffd')).toBe(false);
      expect(text).not.toMatch(/PK/);
    }
  });
});
