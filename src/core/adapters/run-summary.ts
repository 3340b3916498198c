/**
 * `run-summary`: seed 002's eval-run summary `{tasks:{name:{status, expected_samples,
 * scored_samples, score, errors}}}`. The run-validity gate judges the whole document (kept in
 * `document`); the per-task scores are metrics so that other gates can read them.
 */
import type { Metric } from '../metric';
import { itemText, type Item } from '../items';
import { artefact, count, fail, isRecord, key, makeMetric, type Adapter } from './common';

export const adaptRunSummary: Adapter = (input, ctx) => {
  if (!isRecord(input)) return fail(ctx.file, '', 'expected an object with a "tasks" map');
  if (!isRecord(input.tasks)) return fail(ctx.file, 'tasks', `expected a map of task name to task summary, found ${input.tasks === undefined ? 'nothing' : JSON.stringify(input.tasks)}`);
  const tasks = input.tasks;
  const metrics: Metric[] = [];
  const statuses: Record<string, unknown> = {};
  const items: Item[] = [];
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
    items.push(taskItem(name, t));
  }
  return {
    ok: true,
    value: artefact('run-summary', ctx, { metrics, items, document: input, metadata: { task_count: Object.keys(tasks).length, statuses } }),
  };
};

function taskItem(name: string, t: Record<string, unknown>): Item {
  const it: Item = { id: name, metric: name, pointer: `tasks${key(name)}` };
  if (typeof t.score === 'number' && Number.isFinite(t.score)) it.score = t.score;
  const errors = Array.isArray(t.errors) ? t.errors.map((e) => itemText(e) ?? '').filter((e) => e !== '') : [];
  if (errors.length) it.error = errors.join('\n');
  const fields: Record<string, unknown> = {};
  for (const k of ['status', 'expected_samples', 'scored_samples']) if (t[k] !== undefined) fields[k] = t[k];
  if (Object.keys(fields).length) it.fields = fields;
  return it;
}
