import { expect, it } from 'vitest';
import { renderReportHtml, type ReportInput } from '../../../src/core/report/html';

const input = (gates: ReportInput['gates']): ReportInput => ({
  project: 'p',
  evalName: 'e',
  version: '1.0.0',
  runId: 'r1',
  status: 'succeeded',
  decision: 'ACCEPT',
  failureClass: null,
  tier: null,
  startedAt: null,
  gitCommit: null,
  gitDirty: null,
  hardware: null,
  aggregate: null,
  metrics: [],
  gates,
  diff: null,
  scorecard: null,
  greenlightVersion: '0.1.0',
  generatedAt: '2026-12-01T00:00:00Z',
});

// The report wrote "Δ ≥ −tolerance" over every regression gate, a cost gate too — whose bound
// is the other way round (a cost may rise by at most the tolerance).
it("the report's gate heading states a cost gate's bound as Δ ≤ +tolerance, a rate's as Δ ≥ −tolerance", () => {
  const cost = { name: 'cost_regression', kind: 'regression', status: 'pass', value: -0.0001, threshold: 0.0005, note: '', evidence: { per_task: { cost_usd: { baseline: 0.0013, candidate: 0.0012, drop: -0.0001, drop_fraction: -0.0001, scale: 1 } } } };
  const rate = { name: 'rate_regression', kind: 'regression', status: 'pass', value: 0.01, threshold: 0.05, note: '', evidence: { per_task: { rate: { baseline: 0.8, candidate: 0.79, drop: 0.01, drop_fraction: 0.01, scale: 1 } } } };
  const html = renderReportHtml(input([cost, rate] as unknown as ReportInput['gates']));
  expect(html).toMatch(/cost_regression<span class="kind">regression · Δ ≤ \+tolerance<\/span>/);
  expect(html).toMatch(/rate_regression<span class="kind">regression · Δ ≥ −tolerance<\/span>/);
});
