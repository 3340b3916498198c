/**
 * Inspect logs with epochs give the same shape as `repeats`: each sample's epochs averaged per
 * item (not `id#2` items counted as more samples), run spread, pass@k, and sample metadata
 * kept as item fields for cluster_by. The log follows `inspect log dump`'s JSON layout.
 */
import { describe, expect, it } from 'vitest';
import { adaptInspectLog } from '../../../src/core/adapters/inspect-log';

const sample = (id: number, epoch: number, value: string, passage: string) => ({ id, epoch, scores: { match: { value } }, metadata: { passage_id: passage, source: 'dev' } });

const LOG = {
  status: 'success',
  eval: { task: 'qa', model: 'm' },
  results: { total_samples: 6, completed_samples: 6, scores: [{ name: 'match', scorer: 'match', metrics: { accuracy: { name: 'accuracy', value: 0.5 }, stderr: { name: 'stderr', value: 0.2 } } }] },
  samples: [sample(1, 1, 'C', 'a'), sample(2, 1, 'I', 'a'), sample(3, 1, 'C', 'b'), sample(1, 2, 'C', 'a'), sample(2, 2, 'C', 'a'), sample(3, 2, 'I', 'b')],
};

describe('Inspect samples with epochs', () => {
  it('are reduced per item, with spread, pass@k and the metadata as item fields', () => {
    const r = adaptInspectLog(LOG, { file: 'log.json' });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const m = r.value.metrics.find((x) => x.name === 'match/accuracy')!;
    expect(m.items).toEqual({ '1': 1, '2': 0.5, '3': 0.5 });
    expect(m.epochs).toEqual({ '1': [1, 1], '2': [0, 1], '3': [1, 0] });
    expect(m.runSpread).toMatchObject({ k: 2, per_epoch: [2 / 3, 2 / 3] });
    expect(m.passK!.pass_at_k).toBeCloseTo(1, 12);
    expect(m.passK!.pass_hat_k).toBeCloseTo(1 / 3, 12);
    expect(m.itemFields?.passage_id).toEqual({ '1': 'a', '2': 'a', '3': 'b' });
  });
});
