/**
 * Degenerate cells of the interval code (issue 16): value 0 with stderr 0 used to give a NaN
 * interval on the card. Inspect really writes stderr 0.0 for 0 of 1 and for 3 of 3 correct (two of
 * its own test logs, copied to test/fixtures/inspect/ — see its README). Each cell: a proportion
 * at 0 or 1 gets Wilson from n; a score with stderr 0 says "no interval" and why; n = 0, n = 1,
 * all items tied; and the gates and diffs that read the same evidence.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { metricCi95, metricInterval, parseScorecard, renderScorecard, section, type ScorecardPayload } from '../../../src/core/scorecard';
import { dropInterval } from '../../../src/core/gates/regression-stats';
import { regressionGate } from '../../../src/core/gates/regression';
import { deltaOf } from '../../../src/core/diff';
import { tangoPairedDifference } from '../../../src/core/stats';
import { loadArtefact } from '../../../src/main/artefacts';
import type { Metric } from '../../../src/core/metric';

const fixtures = join(__dirname, '../../fixtures/inspect');
const boot = { resamples: 500, seed: 1 };
const rate = (value: number, extra: Partial<Omit<Metric, 'value'>> = {}): Metric & { value: number } => ({ name: 'acc', value, higherIsBetter: true, scale: 1, ...extra });

function card(metrics: ScorecardPayload['results']['metrics']): string {
  const r = renderScorecard(
    { agent: { name: 'A', version: '1.0.0' }, recipe: { dataset: { reference: 'd', size: 10 }, methodology: 'm', config: {} }, results: { test_cases_run: 10, metrics } },
    { generatedAt: '2026-01-01T00:00:00Z' },
  );
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
}

describe('a proportion at 0 or 1 with stderr 0 gets its Wilson interval from n', () => {
  it('0 of 10 with stderr 0 (no successes given): [0, 0.2776], not NaN and not [0, 0]', () => {
    // Wilson upper bound for 0/10: (z²/2n + z·√(z²/4n²)) / (1 + z²/n) = 2·0.19207/1.38415 = 0.27753.
    expect(metricCi95({ value: 0, n: 10, stderr: 0, scale: 1 })).toEqual([0, 0.2776]);
  });
  it('1.0 of 3 with stderr 0: [0.4385, 1]', () => {
    // Wilson lower bound for 3/3: (1 + z²/6 − z·√(z²/36)) / (1 + z²/3) = (1.64025 − 0.64025)/2.28049 = 0.43850.
    expect(metricCi95({ value: 1, n: 3, stderr: 0, scale: 1 })).toEqual([0.4385, 1]);
  });
  it('n = 1: 0 of 1 is [0, 0.7935] (Wilson: 2·0.39672)', () => {
    expect(metricCi95({ value: 0, n: 1, stderr: 0, scale: 1 })).toEqual([0, 0.7935]);
    expect(metricCi95({ value: 0, n: 1, successes: 0, scale: 1 })).toEqual([0, 0.7935]);
  });
  it('a 0–100 score at 100 with n = 20 is 20 of 20 on its scale', () => {
    const ci = metricCi95({ value: 100, n: 20, stderr: 0, scale: 100 })!;
    expect(ci[1]).toBe(100);
    expect(ci[0]).toBeCloseTo(83.89, 1);
  });
});

describe('no interval, said explicitly', () => {
  it('value 0 with stderr 0 and no n or scale (was [NaN, NaN])', () => {
    const v = metricInterval({ value: 0, stderr: 0 });
    expect(v).toEqual({ ci95: null, why: 'stderr 0 and no n (a zero-width interval would claim certainty)' });
    expect(metricCi95({ value: 0, stderr: 0 })).toBeUndefined();
  });
  it('a score with stderr 0 inside its range: all items tied', () => {
    expect(metricInterval({ value: 0.7, n: 10, stderr: 0, scale: 1 })).toEqual({ ci95: null, why: 'stderr 0 (all 10 items tied: a zero-width interval would claim certainty)' });
    expect(metricInterval({ value: 5, stderr: 0 })).toMatchObject({ ci95: null });
  });
  it('n = 1 score: no spread to measure', () => {
    expect(metricInterval({ value: 0.5, n: 1, stderr: 0, scale: 1 })).toEqual({ ci95: null, why: 'stderr 0 from a single item (no spread to measure)' });
  });
  it('n = 0: nothing measured, whatever the stderr', () => {
    expect(metricInterval({ value: 0.5, n: 0, stderr: 0 })).toEqual({ ci95: null, why: 'n = 0 (nothing measured)' });
    expect(metricInterval({ value: 0, n: 0, successes: 0, scale: 1 })).toEqual({ ci95: null, why: 'n = 0 (nothing measured)' });
  });
  it('the card says it in the metrics table, and the aggregate has no zero-width interval', () => {
    const text = card([{ name: 'mean_score', value: 0.7, n: 10, stderr: 0, scale: 1 }]);
    expect(section(parseCard(text), 'Metrics')).toContain('| mean_score | 0.7 | 1 | 10 | no interval: stderr 0 (all 10 items tied: a zero-width interval would claim certainty) |');
    expect(text).toContain('**Aggregate score: 70.0** (out of 100) — no interval');
    expect(text).not.toMatch(/NaN/);
  });
  it('a metric with no uncertainty at all keeps the plain dash', () => {
    expect(section(parseCard(card([{ name: 'cost', value: 0.002 }])), 'Metrics')).toContain('| cost | 0.002 | 1 | — | — |');
  });
});

function parseCard(text: string): string {
  const p = parseScorecard(text);
  if (!p.ok) throw new Error('unreadable');
  return p.value.body;
}

describe("Inspect's own logs with stderr 0.0", () => {
  it('security-guide: 3 of 3 correct, stderr 0.0 → Wilson [0.4385, 1] on the card and in the aggregate', async () => {
    const r = await loadArtefact(join(fixtures, '2025-05-12T20-28-26-04-00_security-guide.json'));
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const acc = r.value.metrics.find((m) => m.name === 'model_graded_fact/accuracy')!;
    expect(acc).toMatchObject({ value: 1, n: 3, stderr: 0, scale: 1 });
    const text = card([{ name: acc.name, value: acc.value!, n: acc.n, stderr: acc.stderr, scale: 1 }]);
    expect(section(parseCard(text), 'Metrics')).toContain('| model_graded_fact/accuracy | 1 | 1 | 3 | [0.4385, 1] ');
    expect(text).toContain('95% interval [43.85, 100.0]');
  });
  it('log_formats: 0 of 1, stderr 0.0 → [0, 0.7935]; as a baseline the gate uses Newcombe on 0/1, not a zero-width normal', async () => {
    const r = await loadArtefact(join(fixtures, 'log_formats.json'));
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const acc = r.value.metrics.find((m) => m.name === 'match/accuracy')!;
    expect(acc).toMatchObject({ value: 0, n: 1, stderr: 0 });
    expect(metricCi95({ value: 0, n: acc.n, stderr: acc.stderr, scale: acc.scale })).toEqual([0, 0.7935]);
    const iv = dropInterval(acc as Metric & { value: number }, rate(0, { n: 1, stderr: 0 }), 1, 1, 0.05, boot)!;
    expect(iv.method).toBe('newcombe');
    expect(iv.description).toContain('0/1 vs 0/1');
    expect(iv.hi).toBeCloseTo(0.7935, 3);
  });
});

describe('gates and diffs read the same rule', () => {
  it('0/10 vs 0/10, both stderr 0: Newcombe on the counts, [−0.2775, 0.2775] instead of [0, 0]', () => {
    const iv = dropInterval(rate(0, { n: 10, stderr: 0 }), rate(0, { n: 10, stderr: 0 }), 1, 1, 0.05, boot)!;
    expect(iv.method).toBe('newcombe');
    expect(iv.description).toContain('0/10 vs 0/10');
    expect(iv.hi).toBeCloseTo(0.27753, 4);
    expect(iv.lo).toBeCloseTo(-0.27753, 4);
  });
  it('3/3 with stderr 0 against 90/100 with a stderr: both as counts (3/3 vs 90/100)', () => {
    const iv = dropInterval(rate(1, { n: 3, stderr: 0 }), rate(0.9, { n: 100, stderr: 0.03 }), 1, 1, 0.05, boot)!;
    expect(iv.description).toContain('3/3 vs 90/100');
    expect(iv.hi - iv.lo).toBeGreaterThan(0.5);
  });
  it('tied scores with stderr 0 on both sides: the significance gate cannot be judged and says why (MISSING_INPUT)', () => {
    const s = { mode: 'significance' as const, tolerance: 0.05, alpha: 0.05, relative: false, required: false, bootstrap: boot, comparability: { keys: [], allow: false } };
    const g = regressionGate('g', s as never, 'base', { metrics: [rate(0.7, { n: 10, stderr: 0 })] }, { metrics: [rate(0.7, { n: 10, stderr: 0 })] });
    expect(g.status).toBe('fail');
    expect(g.failure_class).toBe('MISSING_INPUT');
    expect(g.note).toContain('the baseline has stderr 0 (all 10 items tied');
    expect(g.note).toContain('the candidate has stderr 0 (all 10 items tied');
  });
  it('paired scores all tied across the sides: the bootstrap would give [0, 0]; the interval comes from n (Tango, 0 of 3 moved)', () => {
    const items = { a: 0.5, b: 0.25, c: 0.75 };
    const iv = dropInterval(rate(0.5, { items }), rate(0.5, { items }), 1, 1, 0.05, boot)!;
    const t = tangoPairedDifference(0, 0, 3);
    expect(iv.hi).toBeCloseTo(t.hi, 12);
    expect(iv.lo).toBeCloseTo(-t.hi, 12);
    expect(iv.description).toContain('differences are all equal');
  });
  it('a diff of two scores with stderr 0 has no interval (not a zero-width one calling it "no clear change")', () => {
    const d = deltaOf({ value: 5, stderr: 0 }, { value: 4, stderr: 0 });
    expect(d.interval).toBeNull();
    expect(d.verdict).toBe('worse (no interval)');
  });
});
