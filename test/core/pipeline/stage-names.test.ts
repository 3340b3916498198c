/** What a pipeline stage's regression gates compare with (issue v1): the same stage's, and the same job's, measurement only. */
import { describe, expect, it } from 'vitest';
import { stageBaseline } from '../../../src/core/pipeline/stage-names';
import type { Metric } from '../../../src/core/metric';

const m = (name: string, value: number, n: number): Metric => ({ name, value, n, successes: Math.round(value * n), higherIsBetter: true, scale: 1 });

describe('stageBaseline', () => {
  const pipelineCard = {
    label: 'release 0.3.0',
    context: { stages: ['smoke', 'benchmark'] },
    metrics: [m('smoke/task_pass_rate', 0.925, 40), m('benchmark/task_pass_rate[seed=7]', 0.9045, 220), m('benchmark/task_pass_rate[seed=11]', 0.9, 220)],
  };

  it("gives a stage its own metrics from a pipeline's card, under the names its gates read", () => {
    expect(stageBaseline(pipelineCard, 'smoke', '').baseline?.metrics.map((x) => [x.name, x.n])).toEqual([['task_pass_rate', 40]]);
    expect(stageBaseline(pipelineCard, 'benchmark', '[seed=11]').baseline?.metrics.map((x) => [x.name, x.value])).toEqual([['task_pass_rate', 0.9]]);
  });

  it('a stage the baseline pipeline did not have gets no baseline, never another stage’s numbers', () => {
    expect(stageBaseline(pipelineCard, 'canary', '')).toEqual({});
    // A matrix value the baseline did not run (seed 13) has no counterpart either.
    expect(stageBaseline(pipelineCard, 'benchmark', '[seed=13]')).toEqual({});
  });

  it("a plain run's card (no stages) is the eval's own measurement and is passed as it is", () => {
    const plain = { label: 'release 0.2.0', context: { dataset_size: 220 }, metrics: [m('task_pass_rate', 0.88, 220)] };
    expect(stageBaseline(plain, 'smoke', '').baseline).toBe(plain);
  });
});
