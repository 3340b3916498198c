/**
 * `run-summary`: seed 002's eval-run summary `{tasks:{name:{status, expected_samples,
 * scored_samples, score, errors}}}`. The run-validity gate judges the whole document (kept in
 * `document`); the per-task scores are metrics so that other gates can read them.
 */
import type { Metric } from '../metric';
import { artefact, count, fail, isRecord, key, makeMetric, type Adapter } from './common';

export const adaptRunSummary: Adapter = (input, ctx) => {
  if (!isRecord(input)) return fail(ctx.file, '', 'expected an object with a "tasks" map');
  if (!isRecord(input.tasks)) return fail(ctx.file, 'tasks', `expected a map of task name to task summary, found ${input.tasks === undefined ? 'nothing' : JSON.stringify(input.tasks)}`);
  const tasks = input.tasks;
  const metrics: Metric[] = [];
  const statuses: Record<string, unknown> = {};
  for (const name of Object.keys(tasks).sort()) {
    const t = tasks[name];
    if (!isRecord(t)) {
      statuses[name] = undefined;
      continue;
    }
    statuses[name] = t.status;
    const raw = t.score;
    const scale = typeof raw === 'number' && raw >= 0 && raw <= 1 ? 1 : 100;
    const n = count(t.scored_samples);
    metrics.push(makeMetric('run-summary', ctx, { name, raw, pointer: `tasks${key(name)}.score`, higherIsBetter: true, scale, ...(n !== undefined ? { n } : {}) }));
  }
  return {
    ok: true,
    value: artefact('run-summary', ctx, { metrics, document: input, metadata: { task_count: Object.keys(tasks).length, statuses } }),
  };
};
