/**
 * The card's Gates table writes a regression gate as Δ = candidate − baseline (issue v1). The
 * gate's value is its drop: baseline − candidate for a higher-is-better metric, but candidate −
 * baseline for a lower-is-better one (a cost), so a cost that fell by $0.0001 read "Δ +0.0001".
 */
import { describe, expect, it } from 'vitest';
import { draftScorecard, type DraftInput } from '../../../src/main/judge/scorecard-draft';
import type { Metric } from '../../../src/core/metric';
import type { PolicyReport } from '../../../src/core/evaluate';

const metrics: Metric[] = [
  { name: 'task_pass_rate', value: 0.8, n: 200, successes: 160, higherIsBetter: true, scale: 1 },
  { name: 'cost_per_success_usd', value: 0.0012, n: 160, higherIsBetter: false },
];
const gate = (name: string, metric: string, b: number, c: number, drop: number) => ({
  name, kind: 'regression' as const, status: 'pass' as const, passed: true, value: drop, threshold: 0.5, direction: 'max' as const, note: '', failure_class: null,
  evidence: { mode: 'tolerance', relative: false, per_task: { [metric]: { baseline: b, candidate: c, drop, drop_fraction: drop, scale: 1, within_threshold: true, status: 'pass' } } },
});
const report = {
  tier: 'base', decision: 'ACCEPT', failure_class: null, overall_passed: true, metadata: {},
  // The pass rate rose 0.05 (drop −0.05); the cost fell 0.0001 (lower is better: drop = c − b = −0.0001).
  gates: [gate('rate', 'task_pass_rate', 0.75, 0.8, -0.05), gate('cost', 'cost_per_success_usd', 0.0013, 0.0012, -0.0001)],
} as unknown as PolicyReport;
const input: DraftInput = {
  agentName: 'A', version: '0.1.0', evalName: 'e', tier: 'base', metrics, artefacts: [], report, command: ['node', 'x'], cwd: '/p',
  places: { run_dir: '/r', project_dir: '/p', data_dir: '/d', home: '/h' }, commit: null, dirty: null, hardware: null, generatedAt: '2026-01-01T00:00:00Z',
};

describe('the card’s regression gate rows', () => {
  it('write Δ = candidate − baseline by the metric’s direction, with the bound on that Δ', () => {
    const card = draftScorecard(input).scorecard ?? '';
    expect(card).toMatch(/^\| rate \| pass \| Δ \+0\.05 \| 0\.5 \| Δ ≥ −0\.5 \|/m);
    expect(card).toMatch(/^\| cost \| pass \| Δ −0\.0001 \| 0\.5 \| Δ ≤ \+0\.5 \|/m);
    expect(card).toMatch(/- name: cost\n(\s+\S.*\n)*?\s+lower_is_better: true\n/);
  });
});
