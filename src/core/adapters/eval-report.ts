/**
 * `eval-report` (seed 000's `eval_harness.run_eval` output): task pass rate with its
 * per-item outcomes, and cost per successful task.
 */
import { z } from 'zod';
import type { Metric } from '../metric';
import { itemText, type Item } from '../items';
import { artefact, check, count, makeMetric, type Adapter } from './common';
import { itemShape, scalarFields } from '../epochs';

const Outcome = z.looseObject({
  cost: z.unknown().optional(),
  duration_s: z.unknown().optional(),
  status: z.unknown().optional(),
  error: z.unknown().optional(),
});

const Result = z.looseObject({
  task_id: z.union([z.string(), z.number()]).transform(String),
  passed: z.boolean(),
  outcome: Outcome.nullish(),
});

const RESULT_KEYS = new Set(['task_id', 'passed', 'outcome']);

export const EvalReportSchema = z.looseObject({
  name: z.string().optional(),
  started_at: z.unknown().optional(),
  ended_at: z.unknown().optional(),
  task_count: z.number().int().nonnegative(),
  pass_count: z.number().int().nonnegative(),
  fail_count: z.number().int().nonnegative().optional(),
  error_count: z.number().int().nonnegative().optional(),
  pass_rate: z.unknown().optional(),
  results: z.array(Result),
});

export const adaptEvalReport: Adapter = (input, ctx) => {
  const parsed = check(EvalReportSchema, input, ctx.file);
  if (!parsed.ok) return parsed;
  const r = parsed.value;
  const warnings = [];
  if (r.pass_count > r.task_count) {
    return { ok: false, problems: [{ file: ctx.file, path: 'pass_count', message: `${r.pass_count} passes exceed task_count ${r.task_count}` }] };
  }
  // Each result's own scalar keys (category, passage_id…) ride along for cluster_by.
  const shape = itemShape(r.results.map((res) => ({ id: res.task_id, value: res.passed ? 1 : 0, fields: scalarFields(res, RESULT_KEYS) })));
  const items = shape.items ?? {};
  const evidence = r.results.map((res, i) => resultItem(res, i));
  const rawRate = r.pass_rate === undefined ? (r.task_count > 0 ? r.pass_count / r.task_count : undefined) : r.pass_rate;
  if (typeof r.pass_rate === 'number' && Number.isFinite(r.pass_rate) && r.task_count > 0 && Math.abs(r.pass_rate - r.pass_count / r.task_count) > 1e-6) {
    warnings.push({ file: ctx.file, path: 'pass_rate', message: `pass_rate ${r.pass_rate} differs from pass_count/task_count = ${(r.pass_count / r.task_count).toFixed(4)}` });
  }
  if (r.results.length !== r.task_count) {
    warnings.push({ file: ctx.file, path: 'results', message: `${r.results.length} results for task_count ${r.task_count}` });
  }
  const metrics: Metric[] = [
    makeMetric('eval-report', ctx, {
      name: 'task_pass_rate',
      raw: rawRate,
      pointer: r.pass_rate === undefined ? 'pass_count/task_count' : 'pass_rate',
      higherIsBetter: true,
      scale: 1,
      n: r.task_count,
      successes: r.pass_count,
      ...(Object.keys(items).length > 0 ? shape : {}),
    }),
  ];
  if (r.pass_count > 0) {
    // Σ cost over all results, successes and failures alike: a failed task still cost money.
    // A cost that is not a number ≥ 0 — null included: a null is a cost not recorded, and
    // leaving it out of the sum would understate the cost — makes the metric invalid, naming it.
    let total = 0;
    let bad: { at: string; raw: unknown } | undefined;
    r.results.forEach((res, i) => {
      const c = res.outcome?.cost;
      if (c === undefined) return;
      if (typeof c === 'number' && Number.isFinite(c) && c >= 0) total += c;
      else bad ??= { at: `results.${i}.outcome.cost`, raw: c };
    });
    metrics.push(
      makeMetric('eval-report', ctx, {
        name: 'cost_per_success_usd',
        raw: bad === undefined ? total / r.pass_count : bad.raw,
        pointer: bad === undefined ? 'results[].outcome.cost / pass_count' : bad.at,
        higherIsBetter: false,
        unit: 'USD',
        n: count(r.pass_count),
      }),
    );
  }
  return {
    ok: true,
    value: artefact('eval-report', ctx, {
      metrics,
      items: evidence,
      metadata: { name: r.name, task_count: r.task_count, pass_count: r.pass_count, fail_count: r.fail_count, error_count: r.error_count },
      warnings,
    }),
  };
};

/** Fields a result may carry under several names (harnesses differ); the first present wins. */
const TEXT_FIELDS = {
  input: ['input', 'prompt', 'question'],
  target: ['target', 'expected', 'reference', 'answer'],
  output: ['output', 'predicted', 'prediction', 'response', 'completion'],
  explanation: ['explanation', 'reason', 'rationale'],
} as const;
const KNOWN = new Set(['task_id', 'passed', 'outcome', 'category', 'score', 'error', ...Object.values(TEXT_FIELDS).flat()]);

function resultItem(res: z.infer<typeof Result>, i: number): Item {
  const raw = res as Record<string, unknown>;
  const it: Item = { id: res.task_id, passed: res.passed, score: res.passed ? 1 : 0, metric: 'task_pass_rate', pointer: `results.${i}` };
  if (typeof raw.score === 'number' && Number.isFinite(raw.score)) it.score = raw.score;
  if (typeof raw.category === 'string') it.category = raw.category;
  for (const [field, names] of Object.entries(TEXT_FIELDS) as Array<[keyof typeof TEXT_FIELDS, readonly string[]]>) {
    const name = names.find((n) => raw[n] !== undefined && raw[n] !== null);
    const text = name === undefined ? undefined : itemText(raw[name]);
    if (text !== undefined) it[field] = text;
  }
  const error = itemText(raw.error ?? res.outcome?.error);
  if (error !== undefined) it.error = error;
  const fields: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) if (!KNOWN.has(k)) fields[k] = v;
  if (res.outcome) for (const [k, v] of Object.entries(res.outcome)) if (k !== 'error' && v !== undefined && v !== null) fields[k] = v;
  if (Object.keys(fields).length) it.fields = fields;
  return it;
}
