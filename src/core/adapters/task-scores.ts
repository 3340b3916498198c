/**
 * `task-scores`: seed 002's compare input, `{task: score}` (optionally `{scores, scales}`).
 * One metric per task. Content that parses but is wrong (an empty map, a non-numeric score)
 * loads, and the regression gate decides with a failure class (SPEC §2.11): so the raw map
 * is kept in `document` and bad values become invalid metrics rather than problems.
 */
import type { Metric } from '../metric';
import { artefact, fail, isRecord, key, makeMetric, type Adapter } from './common';

export const adaptTaskScores: Adapter = (input, ctx) => {
  if (!isRecord(input)) return fail(ctx.file, '', 'expected an object mapping task names to scores');
  const wrapped = isRecord(input.scores);
  const scores = wrapped ? (input.scores as Record<string, unknown>) : input;
  const scales = wrapped && isRecord(input.scales) ? input.scales : {};
  const metrics: Metric[] = Object.keys(scores)
    .sort()
    .map((task) => {
      const raw = scores[task];
      const given = scales[task];
      const scale = typeof given === 'number' && Number.isFinite(given) && given > 0 ? given : typeof raw === 'number' && raw >= 0 && raw <= 1 ? 1 : 100;
      return makeMetric('task-scores', ctx, { name: task, raw, pointer: `${wrapped ? 'scores' : ''}${key(task)}`.replace(/^\./, ''), higherIsBetter: true, scale });
    });
  return {
    ok: true,
    value: artefact('task-scores', ctx, {
      metrics,
      document: input,
      metadata: { task_count: metrics.length },
      // One item per task: a task's score is the finest grain this file has.
      items: metrics.map((m) => ({ id: m.name, metric: m.name, pointer: m.source?.pointer ?? m.name, ...(m.value !== null ? { score: m.value } : { error: `score is ${m.invalid ?? 'invalid'}` }) })),
    }),
  };
};
