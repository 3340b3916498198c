/**
 * `inspect-log`: an Inspect AI eval log as JSON (`inspect log dump`). One metric per scorer
 * metric (`scorer/metric`), its stderr from the scorer's `stderr` metric, and per-item
 * outcomes from `samples[].scores[scorer].value` (C/I/P or a number).
 */
import { z } from 'zod';
import type { Metric } from '../metric';
import type { Problem } from '../errors';
import { artefact, check, count, isRecord, makeMetric, type Adapter } from './common';

const Score = z.looseObject({
  name: z.string(),
  scorer: z.string().optional(),
  metrics: z.record(z.string(), z.looseObject({ name: z.string().optional(), value: z.unknown() })),
});

export const InspectLogSchema = z.looseObject({
  status: z.string(),
  eval: z.looseObject({ task: z.string(), model: z.unknown().optional() }),
  results: z
    .looseObject({
      total_samples: z.unknown().optional(),
      completed_samples: z.unknown().optional(),
      scores: z.array(Score),
    })
    .nullish(),
  samples: z.array(z.looseObject({ id: z.union([z.string(), z.number()]), epoch: z.unknown().optional(), scores: z.unknown().optional() })).nullish(),
  error: z.unknown().optional(),
});

const SPREAD = new Set(['stderr', 'std', 'var', 'bootstrap_stderr']);

export const adaptInspectLog: Adapter = (input, ctx) => {
  const parsed = check(InspectLogSchema, input, ctx.file);
  if (!parsed.ok) return parsed;
  const log = parsed.value;
  const warnings: Problem[] = [];
  if (log.status !== 'success') {
    warnings.push({ file: ctx.file, path: 'status', message: `eval status is "${log.status}", not "success": results are incomplete` });
  }
  if (!log.results || log.results.scores.length === 0) {
    return { ok: false, problems: [{ file: ctx.file, path: 'results.scores', message: `no scores (eval status "${log.status}")` }] };
  }
  const n = count(log.results.completed_samples) ?? count(log.results.total_samples);
  const total = count(log.results.total_samples);
  if (n !== undefined && total !== undefined && n < total) {
    warnings.push({ file: ctx.file, path: 'results.completed_samples', message: `${n} of ${total} samples completed` });
  }
  const metrics: Metric[] = [];
  log.results.scores.forEach((score, si) => {
    const items = sampleOutcomes(log.samples ?? [], score.scorer ?? score.name, score.name);
    const se = score.metrics.stderr?.value;
    for (const [mk, m] of Object.entries(score.metrics)) {
      if (SPREAD.has(mk)) continue;
      const bounded = (mk === 'accuracy' || (typeof m.value === 'number' && m.value >= 0 && m.value <= 1));
      metrics.push(
        makeMetric('inspect-log', ctx, {
          name: `${score.name}/${m.name ?? mk}`,
          raw: m.value,
          pointer: `results.scores.${si}.metrics.${mk}.value`,
          higherIsBetter: true,
          ...(bounded ? { scale: 1 } : {}),
          ...(typeof se === 'number' && Number.isFinite(se) && se >= 0 ? { stderr: se } : {}),
          ...(n !== undefined ? { n } : {}),
          counts: { 'results.completed_samples': log.results?.completed_samples, 'results.total_samples': log.results?.total_samples },
          ...(Object.keys(items).length > 0 && (mk === 'accuracy' || mk === 'mean') ? { items } : {}),
        }),
      );
    }
  });
  return {
    ok: true,
    value: artefact('inspect-log', ctx, {
      metrics,
      warnings,
      metadata: { task: log.eval.task, model: log.eval.model, status: log.status, total_samples: total, completed_samples: n },
    }),
  };
};

function sampleOutcomes(samples: Array<{ id: string | number; epoch?: unknown; scores?: unknown }>, ...scorers: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of samples) {
    if (!isRecord(s.scores)) continue;
    const sc = scorers.map((k) => (s.scores as Record<string, unknown>)[k]).find(isRecord);
    if (!sc) continue;
    const v = outcome(sc.value);
    if (v === undefined) continue;
    const id = typeof s.epoch === 'number' && s.epoch > 1 ? `${s.id}#${s.epoch}` : String(s.id);
    out[id] = v;
  }
  return out;
}

function outcome(v: unknown): number | undefined {
  if (v === 'C' || v === true) return 1;
  if (v === 'I' || v === false || v === 'N') return 0;
  if (v === 'P') return 0.5;
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  return undefined;
}
