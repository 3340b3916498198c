/**
 * Real lm-evaluation-harness output (see test/fixtures/README.md): a 0.4 results folder with
 * `--log_samples` files, and harness 0.3-era results files. Numbers checked by hand.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { copyFileSync, mkdirSync } from 'node:fs';
import { loadArtefact } from '../../../src/main/artefacts';
import { tempDir } from '../../helpers/cli';

const fx = join(__dirname, '../../fixtures/lm-eval');
const folder = join(fx, 'negotiationtom');

describe('lm-eval results folder with samples', () => {
  it('reads every sample of every task as an item, and the counts match the reported values', async () => {
    const r = await loadArtefact(folder);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.value.kind).toBe('lm-eval');
    const items = r.value.items ?? [];
    expect(items).toHaveLength(60);
    const passes = (task: string): number => items.filter((i) => i.category === task && i.passed).length;
    expect(passes('negotiationtom_belief')).toBe(9); // acc 0.45 of 20
    expect(passes('negotiationtom_desire')).toBe(12); // acc 0.6 of 20
    expect(passes('negotiationtom_intention')).toBe(4); // exact_match 0.2 of 20
    const m = (n: string) => r.value.metrics.find((x) => x.name === n);
    expect(m('negotiationtom_belief/acc')).toMatchObject({ value: 0.45, n: 20 });
    expect(Object.values(m('negotiationtom_belief/acc')!.items!).filter((v) => v === 1)).toHaveLength(9);
    const first = items.find((i) => i.id === 'negotiationtom_belief/0')!;
    expect(first.input).toMatch(/negotiation conversation/);
    expect(first.target).toBeDefined();
    expect(first.fields?.doc_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a group with no n-samples entry takes n from sample_count', async () => {
    const r = await loadArtefact(folder);
    if (!r.ok) throw new Error('load');
    // negotiationtom acc 0.525 = 21/40: belief 9 + desire 12 of 20 + 20.
    expect(r.value.metrics.find((x) => x.name === 'negotiationtom/acc')).toMatchObject({ value: 0.525, n: 40 });
    expect(r.value.metrics.find((x) => x.name === 'negotiationtom/exact_match')).toMatchObject({ value: 0.2, n: 20 });
    expect(r.value.warnings.some((w) => /--limit/.test(w.message))).toBe(true);
  });

  it('finds the results file inside the model subfolder the harness writes', async () => {
    const t = tempDir();
    const model = join(t, 'Qwen__Qwen3-8B');
    mkdirSync(model);
    for (const f of ['results_2026-07-08T18-15-33.115417.json', 'samples_negotiationtom_belief_2026-07-08T18-15-33.115417.jsonl']) copyFileSync(join(folder, f), join(model, f));
    const r = await loadArtefact(t);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.value.items).toHaveLength(20);
  });
});

describe('harness 0.3-era results files', () => {
  it('reads acc and acc_stderr with a note on the defaults it assumed', async () => {
    const r = await loadArtefact(join(fx, 'harness-0.3/bloom-1b1_gsm8k_8-shot.json'));
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const acc = r.value.metrics.find((m) => m.name === 'gsm8k/acc');
    expect(acc).toMatchObject({ value: 0.008339651250947688, stderr: 0.002504942226860508, higherIsBetter: true, scale: 1 });
    expect(Math.round(acc!.value! * 1319)).toBe(11);
    expect(r.value.warnings.map((w) => w.message).join(' ')).toMatch(/0\.3-era.*filter "none".*higher is better/);
  });

  it('every task and metric of a multi-task file, stderr paired with its metric', async () => {
    const r = await loadArtefact(join(fx, 'harness-0.3/bloom-1b1_common_sense_reasoning_0-shot.json'));
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.value.metrics.find((m) => m.name === 'copa/acc')).toMatchObject({ value: 0.68, stderr: 0.04688261722621504 });
    expect(Math.sqrt((0.68 * 0.32) / 99)).toBeCloseTo(0.04688261722621504, 10);
    expect(r.value.metrics.find((m) => m.name === 'arc_easy/acc_norm')).toMatchObject({ value: 0.45454545454545453, stderr: 0.010217299762709435 });
    expect(r.value.metrics.find((m) => m.name === 'mc_taco/f1')?.stderr).toBeUndefined();
    expect(r.value.metrics.some((m) => m.name.endsWith('_stderr'))).toBe(false);
    expect(r.value.metrics).toHaveLength(20); // 12 tasks: 8 with acc and acc_norm (mc_taco: em and f1), 4 with acc alone
  });

  it('the harness test-data file loads too', async () => {
    const r = await loadArtefact(join(fx, 'harness-0.3/arc_easy-v0-res.json'));
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.value.metrics.map((m) => m.name)).toEqual(['arc_easy/acc', 'arc_easy/acc_norm']);
  });
});
