/**
 * `gaia-benchmark`: `gaia eval benchmark` output (`scorecard.json`). Two shapes occur in the
 * wild (see ../shared/fixtures/gaia/): the email-triage run, whose scenarios carry
 * `total_emails` and a `quality` block, and the judged-scenario run with a `summary`
 * (`pass_rate`, `avg_score`, `by_category`). Seed 001's rules for the first: judged =
 * finite `quality.category_accuracy` in [0,1]; `category_accuracy` is weighted by
 * `total_emails` over judged scenarios; zero judged is an error.
 */
import { z } from 'zod';
import type { BreakdownEntry, Metric } from '../metric';
import type { Problem } from '../errors';
import { itemText, type Item } from '../items';
import { artefact, check, count, fail, isRecord, makeMetric, type Adapter, type AdapterContext } from './common';

const Scenario = z.looseObject({
  scenario_id: z.unknown().optional(),
  category: z.unknown().optional(),
  status: z.unknown().optional(),
  overall_score: z.unknown().optional(),
  total_emails: z.unknown().optional(),
  quality: z.unknown().optional(),
});

export const GaiaBenchmarkSchema = z.looseObject({
  run_id: z.unknown().optional(),
  config: z.unknown().optional(),
  summary: z
    .looseObject({
      total_scenarios: z.unknown().optional(),
      passed: z.unknown().optional(),
      pass_rate: z.unknown().optional(),
      avg_score: z.unknown().optional(),
      by_category: z.record(z.string(), z.looseObject({})).optional(),
    })
    .optional(),
  scenarios: z.array(Scenario),
});

type Scen = z.infer<typeof Scenario>;

export const adaptGaiaBenchmark: Adapter = (input, ctx) => {
  const parsed = check(GaiaBenchmarkSchema, input, ctx.file);
  if (!parsed.ok) return parsed;
  const doc = parsed.value;
  const metrics: Metric[] = [];
  const warnings: Problem[] = [];
  const metadata: Record<string, unknown> = { run_id: doc.run_id, scenario_count: doc.scenarios.length };
  if (isRecord(doc.config)) metadata.config = doc.config;

  const emailMode = doc.scenarios.some((s) => s.total_emails !== undefined || s.quality !== undefined);
  if (emailMode) {
    const r = categoryAccuracy(doc.scenarios, ctx);
    if (!r.ok) return r;
    metrics.push(r.metric, ...qualityMetrics(doc.scenarios, ctx));
    warnings.push(...r.warnings);
    Object.assign(metadata, r.metadata);
  }
  metrics.push(...summaryMetrics(doc, ctx));
  if (metrics.length === 0) {
    return fail(ctx.file, 'scenarios', 'no judged scenario and no summary: nothing to measure');
  }
  if (ctx.groundTruth !== undefined) {
    if (!isRecord(ctx.groundTruth)) {
      return fail(ctx.groundTruthFile ?? ctx.file, '', 'ground truth: expected an object mapping example ids to labels');
    }
    // `_meta` describes the corpus; it is not an example.
    metadata.dataset_size = Object.keys(ctx.groundTruth).filter((k) => k !== '_meta').length;
    if (ctx.groundTruthFile !== undefined) metadata.ground_truth = ctx.groundTruthFile;
  }
  return { ok: true, value: artefact('gaia-benchmark', ctx, { metrics, metadata, warnings, items: scenarioItems(doc.scenarios) }) };
};

function categoryAccuracy(
  scenarios: Scen[],
  ctx: AdapterContext,
): { ok: true; metric: Metric; warnings: Problem[]; metadata: Record<string, unknown> } | { ok: false; problems: Problem[] } {
  let weight = 0;
  let weighted = 0;
  let judged = 0;
  const warnings: Problem[] = [];
  const skipped: Array<{ index: number; reason: string }> = [];
  const perCat = new Map<string, { total: number; correct: number }>();
  const confusions = new Map<string, number>();
  scenarios.forEach((s, i) => {
    const q = s.quality;
    if (!isRecord(q)) {
      skipped.push({ index: i, reason: 'no quality block' });
      return;
    }
    const acc = q.category_accuracy;
    if (typeof acc !== 'number' || !Number.isFinite(acc) || acc < 0 || acc > 1) {
      skipped.push({ index: i, reason: `quality.category_accuracy is ${JSON.stringify(acc) ?? 'missing'}, not a finite number in [0,1]` });
      warnings.push({ file: ctx.file, path: `scenarios.${i}.quality.category_accuracy`, message: 'not a finite number in [0,1]: scenario not judged' });
      return;
    }
    const emails = s.total_emails;
    if (typeof emails !== 'number' || !Number.isSafeInteger(emails) || emails < 0) {
      skipped.push({ index: i, reason: 'total_emails is not a non-negative integer' });
      warnings.push({ file: ctx.file, path: `scenarios.${i}.total_emails`, message: 'expected a non-negative integer: scenario not judged' });
      return;
    }
    judged++;
    weight += emails;
    weighted += emails * acc;
    collectRows(q.categorization, perCat, confusions);
  });
  if (judged === 0) {
    return {
      ok: false,
      problems: [{ file: ctx.file, path: 'scenarios', message: `no judged scenario (none of ${scenarios.length} has a finite quality.category_accuracy in [0,1]): category_accuracy cannot be computed` }],
    };
  }
  if (!Number.isSafeInteger(weight)) {
    return { ok: false, problems: [{ file: ctx.file, path: 'scenarios', message: `total_emails sum to ${weight}, beyond any real corpus` }] };
  }
  if (weight === 0) {
    return { ok: false, problems: [{ file: ctx.file, path: 'scenarios', message: `judged scenarios hold 0 emails in total: category_accuracy cannot be computed` }] };
  }
  const breakdown: BreakdownEntry[] = [...perCat.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([category, c]) => ({ category, value: c.total > 0 ? round4(c.correct / c.total) : 0, n: c.total }));
  const topConfusions = [...confusions.entries()]
    .map(([k, n]) => {
      const [expected, predicted] = k.split('\u0000');
      return { expected, predicted, count: n };
    })
    .sort((a, b) => b.count - a.count || (a.expected! < b.expected! ? -1 : 1))
    .slice(0, 5);
  const metric = makeMetric('gaia-benchmark', ctx, {
    name: 'category_accuracy',
    raw: weighted / weight,
    pointer: 'Σ scenarios[].total_emails × quality.category_accuracy / Σ total_emails (judged)',
    higherIsBetter: true,
    scale: 1,
    n: weight,
    successes: Math.round(weighted),
    ...(breakdown.length ? { breakdown } : {}),
  });
  return {
    ok: true,
    metric,
    warnings,
    metadata: {
      test_cases_run: weight,
      judged_scenarios: judged,
      skipped_scenarios: skipped,
      ...(breakdown.length
        ? { per_category: breakdown.map((b) => ({ category: b.category, total: b.n, correct: perCat.get(b.category)?.correct, accuracy: b.value })) }
        : {}),
      ...(topConfusions.length ? { top_confusions: topConfusions } : {}),
    },
  };
}

/** `quality.categorization.rows`: confusion cells `{expected, predicted, count}` or per-category rows. */
function collectRows(cat: unknown, perCat: Map<string, { total: number; correct: number }>, confusions: Map<string, number>): void {
  if (!isRecord(cat) || !Array.isArray(cat.rows)) return;
  for (const row of cat.rows) {
    if (!isRecord(row)) continue;
    const exp = row.expected ?? row.actual ?? row.label;
    const pred = row.predicted;
    const n = row.count;
    if (typeof exp === 'string' && typeof pred === 'string' && typeof n === 'number' && Number.isFinite(n)) {
      const c = perCat.get(exp) ?? { total: 0, correct: 0 };
      c.total += n;
      if (exp.toLowerCase() === pred.toLowerCase()) c.correct += n;
      else confusions.set(`${exp}\u0000${pred}`, (confusions.get(`${exp}\u0000${pred}`) ?? 0) + n);
      perCat.set(exp, c);
    } else if (typeof row.category === 'string' && typeof row.total === 'number') {
      const correct = typeof row.correct === 'number' ? row.correct : typeof row.accuracy === 'number' ? row.accuracy * row.total : undefined;
      if (correct === undefined) continue;
      const c = perCat.get(row.category) ?? { total: 0, correct: 0 };
      c.total += row.total;
      c.correct += correct;
      perCat.set(row.category, c);
    }
  }
}

function summaryMetrics(doc: z.infer<typeof GaiaBenchmarkSchema>, ctx: AdapterContext): Metric[] {
  const out: Metric[] = [];
  const s = doc.summary;
  const items: Record<string, number> = {};
  doc.scenarios.forEach((sc, i) => {
    if (typeof sc.status === 'string') items[typeof sc.scenario_id === 'string' ? sc.scenario_id : String(i)] = sc.status === 'PASS' ? 1 : 0;
  });
  const statusN = Object.keys(items).length;
  if (s?.pass_rate !== undefined || statusN > 0) {
    const n = count(s?.total_scenarios) ?? statusN;
    const passes = count(s?.passed) ?? Object.values(items).filter((v) => v === 1).length;
    out.push(
      makeMetric('gaia-benchmark', ctx, {
        name: 'pass_rate',
        raw: s?.pass_rate !== undefined ? s.pass_rate : passes / statusN,
        pointer: s?.pass_rate !== undefined ? 'summary.pass_rate' : 'scenarios[].status == PASS',
        higherIsBetter: true,
        scale: 1,
        n,
        successes: passes,
        counts: { 'summary.total_scenarios': s?.total_scenarios, 'summary.passed': s?.passed },
        ...(statusN > 0 ? { items } : {}),
      }),
    );
  }
  const scores = doc.scenarios.map((sc) => sc.overall_score).filter((v): v is number => typeof v === 'number');
  if (s?.avg_score !== undefined) {
    const scale = scores.every((v) => v <= 10) ? 10 : undefined;
    const byCat = s.by_category ?? {};
    const breakdown: BreakdownEntry[] = [];
    for (const [cat, c] of Object.entries(byCat)) {
      const n = ['passed', 'failed', 'blocked', 'errored'].reduce((a, k) => a + (count(c[k]) ?? 0), 0);
      if (typeof c.avg_score === 'number' && Number.isFinite(c.avg_score)) breakdown.push({ category: cat, value: c.avg_score, n });
    }
    out.push(
      makeMetric('gaia-benchmark', ctx, {
        name: 'avg_score',
        raw: s.avg_score,
        pointer: 'summary.avg_score',
        higherIsBetter: true,
        ...(scale ? { scale, note: 'judge score, 0–10' } : {}),
        n: count(s.total_scenarios) ?? scores.length,
        ...(breakdown.length ? { breakdown } : {}),
      }),
    );
    for (const [cat, c] of Object.entries(byCat)) {
      const passed = count(c.passed) ?? 0;
      const n = ['passed', 'failed', 'blocked', 'errored'].reduce((a, k) => a + (count(c[k]) ?? 0), 0);
      out.push(makeMetric('gaia-benchmark', ctx, { name: `by_category/${cat}/avg_score`, raw: c.avg_score, pointer: `summary.by_category.${cat}.avg_score`, higherIsBetter: true, ...(scale ? { scale } : {}), n }));
      if (n > 0) {
        out.push(makeMetric('gaia-benchmark', ctx, { name: `by_category/${cat}/pass_rate`, raw: passed / n, pointer: `summary.by_category.${cat}.passed / scenarios`, higherIsBetter: true, scale: 1, n, successes: passed }));
      }
    }
  }
  return out;
}

function round4(x: number): number {
  return Math.round(x * 10000) / 10000;
}

/**
 * The acceptance figures GAIA's email benchmark writes beside category_accuracy (its own
 * cards aggregate on within-one-bucket), each weighted by total_emails over the scenarios
 * that report it, as category_accuracy is.
 */
const QUALITY_FIGURES = ['within_one_bucket_accuracy', 'urgent_recall', 'urgent_vs_not_accuracy'] as const;

function qualityMetrics(scenarios: Scen[], ctx: AdapterContext): Metric[] {
  return QUALITY_FIGURES.flatMap((name) => {
    let weight = 0;
    let weighted = 0;
    let scen = 0;
    for (const s of scenarios) {
      const q = s.quality;
      const v = isRecord(q) ? q[name] : undefined;
      const emails = s.total_emails;
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1) continue;
      if (typeof emails !== 'number' || !Number.isSafeInteger(emails) || emails <= 0) continue;
      scen++;
      weight += emails;
      weighted += emails * v;
    }
    if (weight === 0) return [];
    return [
      makeMetric('gaia-benchmark', ctx, {
        name,
        raw: weighted / weight,
        pointer: `Σ scenarios[].total_emails × quality.${name} / Σ total_emails`,
        higherIsBetter: true,
        scale: 1,
        n: weight,
        ...(name === 'urgent_recall' ? { note: `weighted by total_emails over ${scen} scenario(s); the urgent emails behind each recall are not in the file` } : {}),
      }),
    ];
  });
}

/**
 * A judged scenario (one test: status, overall_score) is an item. A scenario of the email
 * benchmark (`total_emails` with a quality block) is a whole pass over a corpus — a batch or
 * a model's run — so it is not one; its emails are not in the file.
 */
function scenarioItems(scenarios: Scen[]): Item[] {
  return scenarios.flatMap((s, i) => (s.total_emails === undefined ? [scenarioItem(s, i)] : []));
}

function scenarioItem(s: Scen, i: number): Item {
  const raw = s as Record<string, unknown>;
  const it: Item = { id: typeof s.scenario_id === 'string' || typeof s.scenario_id === 'number' ? String(s.scenario_id) : String(i), pointer: `scenarios.${i}` };
  if (s.status === 'PASS' || s.status === 'FAIL') {
    it.passed = s.status === 'PASS';
    it.metric = 'pass_rate';
  }
  const q = isRecord(s.quality) ? s.quality : undefined;
  const score = typeof s.overall_score === 'number' ? s.overall_score : q?.category_accuracy;
  if (typeof score === 'number' && Number.isFinite(score)) it.score = score;
  if (typeof s.category === 'string') it.category = s.category;
  const why = itemText(raw.root_cause);
  if (why !== undefined) it.explanation = why;
  const error = itemText(raw.error);
  if (error !== undefined) it.error = error;
  const fields: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) if (!['scenario_id', 'status', 'category', 'overall_score', 'root_cause', 'error', 'quality'].includes(k) && v !== undefined && v !== null) fields[k] = v;
  if (q) for (const [k, v] of Object.entries(q)) if (typeof v === 'number' || typeof v === 'string') fields[k] = v;
  if (Object.keys(fields).length) it.fields = fields;
  return it;
}
