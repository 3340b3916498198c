import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  carryForward,
  computeAggregate,
  parseScorecard,
  payloadFromCard,
  renderScorecard,
  validateScorecard,
  type ScorecardPayload,
} from '../../../src/core/scorecard';
import { FIXTURES } from '../../helpers/cli';

export const payload = (over: Partial<ScorecardPayload> = {}): ScorecardPayload => ({
  agent: { name: 'Email Triage', version: '0.2.3' },
  recipe: {
    dataset: { reference: 'tests/fixtures/email/ground_truth.json', size: 220, description: 'synthetic corpus' },
    methodology: 'gaia eval benchmark — category accuracy',
    config: { model: 'Gemma-4-E4B-it-GGUF', limit: 220, acceptance_variance: 0.02 },
    environment: { hardware: 'AMD Ryzen AI MAX+ (Strix Halo)' },
  },
  results: {
    test_cases_run: 100,
    metrics: [{ name: 'category_accuracy', value: 0.5, weight: 1, n: 100, ci95: [0.4, 0.6] }],
    breakdown: { per_category: [{ category: 'fyi', total: 41, correct: 20, accuracy: 0.4878 }] },
    performance: { tokens_per_second: 41.5 },
  },
  provenance: { git_commit: 'abc1234', dirty: false, command: ['gaia', 'eval', 'benchmark', '--limit', '220'], artefacts: [{ file: 'scorecard.json', kind: 'gaia-benchmark', sha256: 'a'.repeat(64) }] },
  ...over,
});

function render(p: unknown): string {
  const r = renderScorecard(p, { generatedAt: '2026-01-01T00:00:00Z' });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
}

function parse(text: string): Record<string, unknown> {
  const r = parseScorecard(text);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value.data;
}

function paths(data: unknown): string[] {
  return validateScorecard(data).map((p) => p.path);
}

const clone = <T>(x: T): T => structuredClone(x);

function del(obj: Record<string, unknown>, path: string): void {
  const parts = path.split('.');
  let cur: Record<string, unknown> = obj;
  for (const p of parts.slice(0, -1)) cur = cur[p] as Record<string, unknown>;
  delete cur[parts[parts.length - 1] as string];
}

describe('render and validate', () => {
  const card = parse(render(payload()));

  it('a rendered card validates with no problems', () => {
    expect(validateScorecard(card)).toEqual([]);
  });

  it.each([
    'schema_version',
    'agent',
    'agent.name',
    'agent.version',
    'recipe',
    'recipe.dataset',
    'recipe.dataset.reference',
    'recipe.dataset.size',
    'recipe.methodology',
    'recipe.config',
    'results',
    'results.test_cases_run',
    'results.metrics',
    'aggregate',
    'aggregate.name',
    'aggregate.formula',
    'aggregate.value',
  ])('removing %s gives an error naming it', (key) => {
    const d = clone(card);
    del(d, key);
    const problems = validateScorecard(d);
    expect(problems.map((p) => p.path)).toContain(key);
    expect(problems.find((p) => p.path === key)?.message).toMatch(/required/);
  });

  it('metrics: [] is an error', () => {
    const d = clone(card);
    (d.results as Record<string, unknown>).metrics = [];
    expect(paths(d)).toContain('results.metrics');
  });

  it.each([
    ['agent', 'text'],
    ['recipe', 5],
    ['results', ['a']],
    ['aggregate', null],
  ])('%s that is not a mapping is an error, not a crash', (key, value) => {
    const d = clone(card);
    d[key] = value;
    expect(() => validateScorecard(d)).not.toThrow();
    expect(validateScorecard(d).find((p) => p.path === key)?.message).toMatch(/expected a mapping/);
  });

  it.each([
    ['NaN', '.nan'],
    ['.inf', '.inf'],
    ['a string', '"42"'],
    ['a boolean', 'true'],
  ])('aggregate.value as %s is an error', (_what, yaml) => {
    const text = render(payload()).replace(/^ {2}value: 50\.0$/m, `  value: ${yaml}`);
    expect(text).toContain(`  value: ${yaml}`);
    const problems = validateScorecard(parse(text));
    expect(problems.map((p) => p.path)).toContain('aggregate.value');
  });

  it('an aggregate of one metric 0.5 is 50.0, and recomputing from the components gives the value', () => {
    const text = render(payload());
    const d = parse(text) as { aggregate: { value: number; components: Array<{ metric: string; value: number; weight: number }> } };
    expect(d.aggregate.value).toBe(50);
    expect(text).toMatch(/^ {2}value: 50\.0$/m);
    const c = d.aggregate.components;
    const recomputed = Math.round((100 * c.reduce((a, x) => a + x.weight * x.value, 0)) / c.reduce((a, x) => a + x.weight, 0) * 100) / 100;
    expect(recomputed).toBe(d.aggregate.value);
    expect(text).toContain('round(100 × ((0.5000 × 1.0)) / 1.0, 2) = 50.0');
  });

  it('a tampered aggregate value is caught by recomputation', () => {
    const d = clone(card) as { aggregate: { value: number } };
    d.aggregate.value = 51;
    expect(paths(d)).toContain('aggregate.value');
  });

  it('no metrics or zero total weight is an error', () => {
    expect(computeAggregate([]).ok).toBe(false);
    expect(computeAggregate([{ name: 'a', value: 0.5, weight: 0 }]).ok).toBe(false);
    const r = renderScorecard(payload({ results: { test_cases_run: 1, metrics: [{ name: 'a', value: 0.5, weight: 0 }] } }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]?.message).toMatch(/total weight is 0/);
  });

  it('the body starts with --- and has the sections in order, with the exact command', () => {
    const text = render(payload({ gates: { tier: 'first_sft', decision: 'ACCEPT', failure_class: null, results: [{ name: 'task_pass_rate', kind: 'threshold', status: 'pass', value: 0.6, threshold: 0.55, direction: 'min', passed: true, note: '', failure_class: null }] }, baseline: { version: '0.2.2', ref: 'v0.2.2', aggregate: 48, metrics: [{ name: 'category_accuracy', baseline: 0.48, candidate: 0.5, delta: 0.02, ci95: [-0.1, 0.14] }] } }));
    expect(text.startsWith('---\n')).toBe(true);
    const order = ['# Email Triage — Eval Scorecard v0.2.3', '**Aggregate score: 50.0**', '## Recipe', '## Metrics', '## Gates', '## Comparison with the previous release', '## Category breakdown', '## Aggregate score recomputation', '## Reproduction', '## Environment'];
    const at = order.map((s) => text.indexOf(s));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(text).toContain('```sh\ngaia eval benchmark --limit 220\n```');
    expect(text).toContain('95% interval [40.0, 60.0]');
    expect(text).toContain('| task_pass_rate | pass | 0.6 | 0.55 | min |');
  });

  it('Greenlight additions are in the front matter too', () => {
    const d = parse(render(payload({ gates: { tier: 'base', decision: 'ACCEPT', results: [] }, baseline: { version: '0.2.2', aggregate: 48 } }))) as Record<string, Record<string, unknown>>;
    expect(d.aggregate?.ci95).toEqual([40, 60]);
    expect((d.results?.metrics as Array<Record<string, unknown>>)[0]).toMatchObject({ n: 100, ci95: [0.4, 0.6] });
    expect(d.gates).toMatchObject({ tier: 'base', decision: 'ACCEPT' });
    expect(d.baseline).toMatchObject({ version: '0.2.2', aggregate: 48 });
    expect(d.provenance).toMatchObject({ git_commit: 'abc1234', dirty: false });
  });

  it('says so when the reproduction command is not known', () => {
    const { provenance: _p, ...rest } = payload();
    expect(render(rest)).toMatch(/## Reproduction\n\nNot recorded/);
  });

  it('rendering is deterministic and keeps keys other tools added', () => {
    const a = render(payload());
    expect(render(payload())).toBe(a);
    const d = parse(a) as { results: Record<string, unknown>; recipe: { config: Record<string, unknown> } };
    expect(d.results.performance).toEqual({ tokens_per_second: 41.5 });
    expect(d.recipe.config.acceptance_variance).toBe(0.02);
  });
});

describe('carry-forward', () => {
  const card = (() => {
    const r = parseScorecard(render(payload()));
    if (!r.ok) throw new Error('bad');
    return r.value;
  })();

  it('0.2.3 → 0.2.4 sets inherited_from and copies metrics, breakdown and environment', () => {
    const r = carryForward(card, '0.2.4');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const d = parse(render(r.value)) as Record<string, Record<string, unknown>>;
    expect(d.inherited_from).toBe('0.2.3');
    expect(d.agent?.version).toBe('0.2.4');
    const old = card.data as Record<string, Record<string, unknown>>;
    expect(d.results?.metrics).toEqual(old.results?.metrics);
    expect(d.results?.breakdown).toEqual(old.results?.breakdown);
    expect(d.recipe?.environment).toEqual(old.recipe?.environment);
    expect(d.aggregate?.value).toBe(50);
    expect(validateScorecard(d)).toEqual([]);
  });

  it.each(['0.3.0', '1.0.0', '0.2.3', '0.2.2'])('→ %s is refused with "re-run"', (v) => {
    const r = carryForward(card, v);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]?.message).toMatch(/re-run/);
  });
});

describe('the seed 001 card in the fixtures', () => {
  const text = readFileSync(join(FIXTURES, 'gaia/SCORECARD.email-0.2.5.md'), 'utf8');

  it('validates', () => {
    expect(validateScorecard(parse(text))).toEqual([]);
  });

  it('parse → render → parse gives the same data and keeps its reproduction steps', () => {
    const first = parseScorecard(text);
    if (!first.ok) throw new Error('bad');
    const again = render(payloadFromCard(first.value));
    const second = parseScorecard(again);
    if (!second.ok) throw new Error('bad');
    expect({ ...second.value.data, generated_at: null }).toEqual({ ...first.value.data, generated_at: null });
    expect(second.value.reproduction).toBe(first.value.reproduction);
    expect(again).toContain('gaia eval benchmark \\\n    --model Gemma-4-E4B-it-GGUF');
  });
});

describe('scorecard gate (core)', () => {
  const read = (p: ScorecardPayload) => {
    const r = parseScorecard(render(p));
    if (!r.ok) throw new Error('bad');
    return { ok: true as const, card: r.value.data as never, source: 'x' };
  };
  it('says an interval too wide for the tolerance is underpowered, never a plain pass', async () => {
    const { scorecardGate } = await import('../../../src/core/scorecard/gate');
    const m = (v: number) => ({ results: { test_cases_run: 25, metrics: [{ name: 'category_accuracy', value: v, n: 25, ci95: [v - 0.19, v + 0.19] as [number, number] }] } });
    const r = scorecardGate({ candidate: read(payload({ ...m(0.4), agent: { name: 'a', version: '0.2.4' } })), baseline: read(payload(m(0.4))), mode: 'noninferiority', tolerance: 5 });
    expect(r.lines.some((l) => l.level === 'notice' && /^no regression/.test(l.message))).toBe(false);
    expect(r.lines.map((l) => l.message).join('\n')).toMatch(/underpowered|cannot show/);
  });
  it('warns that a limit: 25 card is not comparable with a card that has no limit (the whole dataset)', async () => {
    const { scorecardGate } = await import('../../../src/core/scorecard/gate');
    const base = payload();
    const noLimit = { ...base, recipe: { ...base.recipe, config: { model: 'Gemma-4-E4B-it-GGUF' } } };
    const limited = { ...base, agent: { name: 'a', version: '0.2.4' }, recipe: { ...base.recipe, config: { model: 'Gemma-4-E4B-it-GGUF', limit: 25 } } };
    const r = scorecardGate({ candidate: read(limited), baseline: read(noLimit) });
    expect(r.lines).toContainEqual({ level: 'warning', message: 'not comparable: limit is 25 on the candidate and none on the baseline' });
    const same = scorecardGate({ candidate: read({ ...noLimit, agent: { name: 'a', version: '0.2.4' } }), baseline: read(noLimit) });
    expect(same.lines.some((l) => /not comparable/.test(l.message))).toBe(false);
  });
});
