/** Every real-world fixture loads with the metrics it really contains. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadArtefact } from '../../../src/main/artefacts';
import type { Artefact } from '../../../src/core/artefact';
import { FIXTURES, tempDir } from '../../helpers/cli';

async function load(...args: Parameters<typeof loadArtefact>): Promise<Artefact> {
  const r = await loadArtefact(...args);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
}

const metric = (a: Artefact, name: string) => a.metrics.find((m) => m.name === name);

describe('lm-eval fixtures', () => {
  it('cpu_regression_expected: perplexity is lower-is-better, "N/A" stderr is absent, the --limit run warns', async () => {
    const a = await load(join(FIXTURES, 'lm-eval/cpu_regression_expected.json'));
    expect(a.kind).toBe('lm-eval');
    expect(a.metrics.map((m) => m.name).sort()).toEqual([
      'arc_easy/acc',
      'arc_easy/acc_norm',
      'lambada_openai/acc',
      'lambada_openai/perplexity',
      'wikitext/bits_per_byte',
      'wikitext/byte_perplexity',
      'wikitext/word_perplexity',
    ]);
    const ppl = metric(a, 'lambada_openai/perplexity');
    expect(ppl).toMatchObject({ value: 605.5452047779999, higherIsBetter: false, n: 10 });
    expect(ppl?.scale).toBeUndefined();
    expect(ppl?.stderr).toBeUndefined();
    expect(metric(a, 'arc_easy/acc')).toMatchObject({ value: 0.3, higherIsBetter: true, scale: 1, n: 10 });
    expect(metric(a, 'arc_easy/acc')?.stderr).toBeUndefined();
    expect(a.warnings.map((w) => w.path)).toEqual(['n-samples.arc_easy.effective', 'n-samples.lambada_openai.effective', 'n-samples.wikitext.effective']);
    expect(a.warnings[0]?.message).toMatch(/10 of 2376 samples.*--limit/);
  });

  it('results_mmlu_abstract_algebra: numeric stderr and full n, no warning', async () => {
    const a = await load(join(FIXTURES, 'lm-eval/results_mmlu_abstract_algebra.json'));
    expect(a.metrics).toHaveLength(1);
    expect(metric(a, 'mmlu_abstract_algebra/acc')).toMatchObject({ value: 0.34, stderr: 0.047609522856952344, n: 100, higherIsBetter: true });
    expect(a.warnings).toEqual([]);
    expect(a.metadata.model).toBe('sae_steered_beta');
  });

  it('names a filtered metric task/metric,filter', async () => {
    const d = tempDir();
    const p = join(d, 'r.json');
    writeFileSync(p, JSON.stringify({ results: { gsm8k: { 'exact_match,strict-match': 0.5, 'exact_match_stderr,strict-match': 0.01 } }, higher_is_better: { gsm8k: { exact_match: true } } }));
    const a = await load(p);
    expect(metric(a, 'gsm8k/exact_match,strict-match')).toMatchObject({ value: 0.5, stderr: 0.01 });
  });
});

describe('gaia fixtures', () => {
  it('benchmark_scorecard.fixture: weighted by emails, the scenario without quality skipped', async () => {
    const a = await load(join(FIXTURES, 'gaia/benchmark_scorecard.fixture.json'));
    expect(a.kind).toBe('gaia-benchmark');
    const acc = metric(a, 'category_accuracy');
    expect(acc?.value).toBeCloseTo((12 * 0.4167 + 12 * 0.5) / 24, 10);
    expect(acc?.n).toBe(24);
    expect(a.metadata.judged_scenarios).toBe(2);
    expect(a.metadata.skipped_scenarios).toEqual([{ index: 2, reason: 'no quality block' }]);
    expect(metric(a, 'pass_rate')).toMatchObject({ value: 1, n: 3 });
  });

  it('benchmark_phase2_scorecard: pass_rate, avg_score and by_category from the summary', async () => {
    const a = await load(join(FIXTURES, 'gaia/benchmark_phase2_scorecard.json'));
    expect(metric(a, 'category_accuracy')).toBeUndefined();
    expect(metric(a, 'pass_rate')).toMatchObject({ value: 0.8, n: 5, successes: 4, scale: 1 });
    expect(metric(a, 'pass_rate')?.items).toMatchObject({ smart_discovery: 0, simple_factual_rag: 1 });
    const avg = metric(a, 'avg_score');
    expect(avg).toMatchObject({ value: 8, scale: 10 });
    expect(avg?.breakdown).toEqual([
      { category: 'rag_quality', value: 9.52, n: 2 },
      { category: 'context_retention', value: 9.08, n: 2 },
      { category: 'tool_selection', value: 2.8, n: 1 },
    ]);
    expect(metric(a, 'by_category/tool_selection/pass_rate')).toMatchObject({ value: 0, n: 1 });
  });

  it('weights by emails: 90 at 0.9 plus 10 at 0.0 is 0.81 over 100 cases; _meta is not in the dataset size', async () => {
    const d = tempDir();
    const p = join(d, 'scorecard.json');
    writeFileSync(
      p,
      JSON.stringify({
        scenarios: [
          { total_emails: 90, quality: { category_accuracy: 0.9, categorization: { rows: [{ expected: 'fyi', predicted: 'fyi', count: 81 }, { expected: 'fyi', predicted: 'urgent', count: 9 }] } } },
          { total_emails: 10, quality: { category_accuracy: 0.0 } },
          { total_emails: 5 },
        ],
      }),
    );
    const gt = join(d, 'ground_truth.json');
    writeFileSync(gt, JSON.stringify({ _meta: { version: 2 }, e1: 'fyi', e2: 'urgent', e3: 'fyi' }));
    const a = await load(p, 'gaia-benchmark', { groundTruth: gt });
    expect(metric(a, 'category_accuracy')).toMatchObject({ value: 0.81, n: 100, successes: 81 });
    expect(a.metadata.test_cases_run).toBe(100);
    expect(a.metadata.dataset_size).toBe(3);
    expect(metric(a, 'category_accuracy')?.breakdown).toEqual([{ category: 'fyi', value: 0.9, n: 90 }]);
    expect(a.metadata.top_confusions).toEqual([{ expected: 'fyi', predicted: 'urgent', count: 9 }]);
  });

  it('refuses zero judged scenarios', async () => {
    const d = tempDir();
    const p = join(d, 's.json');
    writeFileSync(p, '{"scenarios":[{"total_emails":12},{"total_emails":3,"quality":{"category_accuracy":NaN}}]}');
    const r = await loadArtefact(p);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]).toMatchObject({ file: p, path: 'scenarios', message: expect.stringMatching(/no judged scenario/) });
  });
});

describe('the scorecard fixture as an artefact', () => {
  it('SCORECARD.email-0.2.5.md gives its metric and aggregate', async () => {
    const a = await load(join(FIXTURES, 'gaia/SCORECARD.email-0.2.5.md'));
    expect(a.kind).toBe('scorecard');
    expect(metric(a, 'category_accuracy')).toMatchObject({ value: 0.42, scale: 1 });
    expect(metric(a, 'weighted_accuracy')).toMatchObject({ value: 42, scale: 100, n: 100 });
    expect(a.metadata).toMatchObject({ version: '0.2.5', dataset_size: 220, limit: 220 });
  });
});

describe('the other kinds', () => {
  const file = (content: string): string => {
    const p = join(tempDir(), 'a.json');
    writeFileSync(p, content);
    return p;
  };

  it('inspect-log: scorer metrics with stderr and per-sample outcomes', async () => {
    const a = await load(
      file(
        JSON.stringify({
          version: 2,
          status: 'success',
          eval: { task: 'popularity', model: 'openai/gpt-4o' },
          results: { total_samples: 3, completed_samples: 3, scores: [{ name: 'match', scorer: 'match', metrics: { accuracy: { name: 'accuracy', value: 0.6667 }, stderr: { name: 'stderr', value: 0.33 } } }] },
          samples: [
            { id: 1, epoch: 1, scores: { match: { value: 'C' } } },
            { id: 2, epoch: 1, scores: { match: { value: 'I' } } },
            { id: 3, epoch: 1, scores: { match: { value: 'C' } } },
          ],
        }),
      ),
    );
    expect(a.kind).toBe('inspect-log');
    expect(metric(a, 'match/accuracy')).toMatchObject({ value: 0.6667, stderr: 0.33, n: 3, items: { '1': 1, '2': 0, '3': 1 } });
  });

  it('task-scores keeps the raw map for the regression gate and one metric per task', async () => {
    const a = await load(file('{"mmlu": 71.2, "gsm8k": NaN}'), 'task-scores');
    expect(a.document).toMatchObject({ mmlu: 71.2 });
    expect(metric(a, 'mmlu')).toMatchObject({ value: 71.2, scale: 100 });
    expect(metric(a, 'gsm8k')).toMatchObject({ value: null, invalid: 'NaN at gsm8k' });
  });

  it('run-summary is detected, keeps its document, and gives per-task scores', async () => {
    const a = await load(file(JSON.stringify({ tasks: { mmlu: { status: 'SUCCESS', expected_samples: 10, scored_samples: 10, score: 70, errors: [] } } })));
    expect(a.kind).toBe('run-summary');
    expect(metric(a, 'mmlu')).toMatchObject({ value: 70, n: 10 });
    expect(a.document).toBeDefined();
  });

  it('ptq-summary gives size_ratio; sizes that are not numbers load as an invalid metric for the gate to judge', async () => {
    const ok = await load(file(JSON.stringify({ source_bytes: 1000, output_bytes: 400, recipe: 'nvfp4', layer_precision_counts: { NVFP4: 10 }, metadata_diffs: [] })));
    expect(ok.kind).toBe('ptq-summary');
    expect(metric(ok, 'size_ratio')).toMatchObject({ value: 0.4, higherIsBetter: false });
    const bad = await load(file(JSON.stringify({ source_bytes: 'big', output_bytes: 400 })), 'ptq-summary');
    expect(metric(bad, 'size_ratio')?.value).toBeNull();
  });

  it('metrics: list form and flat form', async () => {
    const list = await load(file(JSON.stringify({ metrics: [{ name: 'parser_validity', value: 0.99, n: 200, higher_is_better: true }, { name: 'cost', value: 0.2, higher_is_better: false }] })));
    expect(metric(list, 'cost')).toMatchObject({ value: 0.2, higherIsBetter: false });
    expect(metric(list, 'parser_validity')).toMatchObject({ n: 200 });
    const flat = await load(file('{"grounding_accuracy": 0.8}'));
    expect(flat.kind).toBe('metrics');
    expect(metric(flat, 'grounding_accuracy')?.value).toBe(0.8);
  });

  it('an object of unknown shape asks for the kind', async () => {
    const r = await loadArtefact(file('{"hello": "world"}'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]?.message).toMatch(/KIND=PATH/);
  });
});
