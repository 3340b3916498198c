/**
 * Uncertainty on the card (SPEC §2.5; seed 001's review: "A 40% point estimate on n=25 carries
 * roughly a ±19-point 95% confidence interval … the CI reported on the card"). A card rendered
 * from metrics with n and successes (or a stderr) and no ci95 used to say "—" and "no interval".
 */
import { describe, expect, it } from 'vitest';
import { cardMetricFromMetric, metricCi95, parseScorecard, renderScorecard, section, type ScorecardPayload } from '../../../src/core/scorecard';
import { scorecardGate } from '../../../src/core/scorecard/gate';
import { readCard } from '../../../src/core/releases';
import { diffSides, sideFromCard } from '../../../src/core/diff';

const card = (version: string, metrics: ScorecardPayload['results']['metrics']): string => {
  const r = renderScorecard(
    {
      agent: { name: 'Email Triage', version },
      recipe: { dataset: { reference: 'tests/fixtures/email/ground_truth.json', size: 25 }, methodology: 'm', config: {} },
      results: { test_cases_run: 25, metrics },
    },
    { generatedAt: '2026-01-01T00:00:00Z' },
  );
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
};

describe('intervals on the card', () => {
  it('10/25 gets its Wilson interval, and the card shows the ±19-point reach', () => {
    const text = card('0.2.4', [{ name: 'category_accuracy', value: 0.4, n: 25, successes: 10, scale: 1 }]);
    const parsed = parseScorecard(text);
    if (!parsed.ok) throw new Error('unreadable');
    const m = (parsed.value.data.results as { metrics: Array<{ ci95: [number, number] }> }).metrics[0]!;
    expect(m.ci95[0]).toBeCloseTo(0.234, 3);
    expect(m.ci95[1]).toBeCloseTo(0.5926, 3);
    const metrics = section(parsed.value.body, 'Metrics') ?? '';
    expect(metrics).toContain('| category_accuracy | 0.4 | 1 | 25 | [0.234, 0.5927] −16.6/+19.3 points |');
    expect(metrics).toMatch(/Wilson/);
    // The aggregate carries the interval too, in the front matter and on the aggregate line.
    expect((parsed.value.data.aggregate as { ci95: [number, number] }).ci95).toEqual([23.4, 59.27]);
    expect(text).toContain('**Aggregate score: 40.0** (out of 100) — 95% interval [23.4, 59.27]');
  });

  it('a metric with a stderr gets its normal interval; a given ci95 wins; a mean with an n gets none', () => {
    expect(metricCi95({ value: 0.6, stderr: 0.05, scale: 1 })).toEqual([0.502, 0.698]);
    expect(metricCi95({ value: 0.6, n: 25, successes: 15, ci95: [0.1, 0.9] })).toEqual([0.1, 0.9]);
    expect(metricCi95({ value: 7.9, n: 5, successes: 4 })).toBeUndefined();
    expect(metricCi95({ value: 0.5, n: 25 })).toBeUndefined();
    expect(cardMetricFromMetric({ name: 'task_pass_rate', value: 199 / 220, n: 220, successes: 199, higherIsBetter: true, scale: 1 }).ci95).toEqual([0.8584, 0.9368]);
  });

  it('the scorecard gate compares with intervals (no fall-back to strict) and the diff gives the delta an interval', () => {
    const base = card('0.2.3', [{ name: 'category_accuracy', value: 0.44, n: 25, successes: 11 }]);
    const cand = card('0.2.4', [{ name: 'category_accuracy', value: 0.4, n: 25, successes: 10 }]);
    const read = (t: string, source: string) => {
      const r = parseScorecard(t);
      if (!r.ok) throw new Error('bad');
      return { ok: true as const, card: r.value.data as never, source };
    };
    const g = scorecardGate({ candidate: read(cand, 'cand'), baseline: read(base, 'base'), mode: 'significance', tolerance: 5 });
    const said = g.lines.map((l) => l.message).join('\n');
    expect(said).not.toMatch(/falling back to a strict comparison/);
    expect(g.regression?.mode).toBe('significance');
    expect(said).toMatch(/underpowered/);
    const facts = (t: string) => {
      const r = readCard(t);
      if (!r.ok) throw new Error('bad');
      return r.value;
    };
    const d = diffSides(sideFromCard(facts(base), 'base'), sideFromCard(facts(cand), 'cand'));
    expect(d.aggregate.method).toBe('normal');
    expect(d.aggregate.interval).not.toBeNull();
    expect(d.metrics[0]).toMatchObject({ name: 'category_accuracy', method: 'newcombe', verdict: 'no clear change' });
  });

  it('scorecard gate --mode significance without intervals never says "no regression … aggregate regressed" (issue 10, point 9)', () => {
    const read = (t: string, source: string) => {
      const r = parseScorecard(t);
      if (!r.ok) throw new Error('bad');
      return { ok: true as const, card: r.value.data as never, source };
    };
    const base = card('0.2.3', [{ name: 'category_accuracy', value: 0.44 }]);
    const cand = card('0.2.4', [{ name: 'category_accuracy', value: 0.5 }]);
    const g = scorecardGate({ candidate: read(cand, 'cand'), baseline: read(base, 'base'), mode: 'significance', tolerance: 5 });
    const said = g.lines.map((l) => l.message).join('\n');
    expect(said).toMatch(/falling back to a strict comparison/);
    expect(said).toMatch(/no regression: .* — aggregate did not drop/);
    expect(said).not.toMatch(/regressed/);
    expect(g.passed).toBe(true);
  });
});
