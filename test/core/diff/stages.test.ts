/** Stage-named metrics in a diff (issue v1): a stage pairs only with the same stage, and a stage with no counterpart is said. */
import { describe, expect, it } from 'vitest';
import { diffSides, type DiffSide } from '../../../src/core/diff';

const side = (label: string, metrics: Array<[string, number, number]>, stages?: string[]): DiffSide => ({
  label,
  version: '1.0.0',
  aggregate: null,
  metrics: metrics.map(([name, value, n]) => ({ name, value, n, successes: Math.round(value * n), higherIsBetter: true, scale: 1 })),
  breakdown: [],
  gates: [],
  context: stages ? { stages } : {},
});

describe('stage-named metrics', () => {
  it('pairs a stage with the same stage, and names a stage the other pipeline lacks', () => {
    const before = side('run A', [['smoke/task_pass_rate', 0.9, 40], ['benchmark/task_pass_rate', 0.88, 220]], ['smoke', 'benchmark']);
    const after = side('run B', [['quick/task_pass_rate', 0.95, 20], ['benchmark/task_pass_rate', 0.9, 220]], ['quick', 'benchmark']);
    const d = diffSides(before, after);
    const bench = d.metrics.find((m) => m.name === 'benchmark/task_pass_rate');
    expect(bench).toMatchObject({ n: { baseline: 220, candidate: 220 }, method: 'newcombe' });
    expect(bench?.unpaired).toBeUndefined();
    expect(d.metrics.find((m) => m.name === 'quick/task_pass_rate')).toMatchObject({ verdict: 'added', unpaired: 'no counterpart: run A has no stage quick' });
    expect(d.metrics.find((m) => m.name === 'smoke/task_pass_rate')).toMatchObject({ verdict: 'removed', unpaired: 'no counterpart: run B has no stage smoke' });
    expect(d.unpairedStages).toEqual([
      "stage quick: no counterpart in run A, its 1 metric only on the candidate; run A's smoke/task_pass_rate (n 40), benchmark/task_pass_rate (n 220) are another measurement, not compared with it",
      "stage smoke: no counterpart in run B, its 1 metric only on the baseline; run B's quick/task_pass_rate (n 20), benchmark/task_pass_rate (n 220) are another measurement, not compared with it",
    ]);
  });

  it('leaves sides without stages as they were: an lm-eval task/metric is not a stage', () => {
    const d = diffSides(side('a', [['mmlu/acc', 0.5, 100]]), side('b', [['mmlu/acc', 0.6, 100], ['smoke/acc', 0.6, 10]]));
    expect(d.metrics.every((m) => m.unpaired === undefined)).toBe(true);
    expect(d.unpairedStages).toBeUndefined();
  });
});
