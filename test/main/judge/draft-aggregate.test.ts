/** The aggregate Greenlight chooses without a declared one never mixes dollars with pass rates. */
import { describe, expect, it } from 'vitest';
import { draftScorecard, type DraftInput } from '../../../src/main/judge/scorecard-draft';
import { parseScorecard } from '../../../src/core/scorecard';
import type { Metric } from '../../../src/core/metric';
import type { PolicyReport } from '../../../src/core/evaluate';

const metrics: Metric[] = [
  { name: 'task_pass_rate', value: 0.62, n: 100, successes: 62, higherIsBetter: true, scale: 1 },
  { name: 'cost_per_success_usd', value: 0.016, higherIsBetter: false, unit: 'USD' },
  { name: 'latency_s', value: 1.9, higherIsBetter: false },
];
const gate = (name: string, metric: string) => ({ name, kind: 'threshold' as const, status: 'pass' as const, passed: true, value: 0, threshold: 0, direction: 'min' as const, note: '', failure_class: null, evidence: { metric } });
const report = { tier: 'base', decision: 'ACCEPT', failure_class: null, overall_passed: true, gates: [gate('pass', 'task_pass_rate'), gate('cost', 'cost_per_success_usd')], metadata: {} } as unknown as PolicyReport;

const input = (over: Partial<DraftInput> = {}): DraftInput => ({
  agentName: 'A', version: '0.1.0', evalName: 'e', tier: 'base', metrics, artefacts: [], report, command: ['node', 'x'], cwd: '/p',
  places: { run_dir: '/r', project_dir: '/p', data_dir: '/d', home: '/h' }, commit: null, dirty: null, hardware: null, generatedAt: '2026-01-01T00:00:00Z', ...over,
});

describe('draft aggregate', () => {
  it('without a declared aggregate, averages the gated higher-is-better proportions only, and says so on the card', () => {
    const d = draftScorecard(input());
    // The old default averaged 0.62, $0.016 and 1.9 s into "weighted_accuracy 84.53".
    expect(d.aggregate).toMatchObject({ name: 'gated_pass_rates', value: 62 });
    const card = parseScorecard(d.scorecard ?? '');
    expect(card.ok && (card.value.data as { aggregate: { components: unknown[] } }).aggregate.components).toEqual([{ metric: 'task_pass_rate', value: 0.62, weight: 1 }]);
    expect(d.scorecard).toContain('greenlight.yaml declares no aggregate, so this is the mean of the gated higher-is-better proportions (task_pass_rate)');
    // Deterministic: the same inputs give the same bytes.
    expect(draftScorecard(input()).scorecard).toBe(d.scorecard);
  });

  it('a declared aggregate is used as declared', () => {
    const d = draftScorecard(input({ aggregate: { name: 'mine', components: [{ metric: 'task_pass_rate', weight: 1 }] } }));
    expect(d.aggregate).toMatchObject({ name: 'mine', value: 62 });
    expect(d.scorecard).not.toContain('declares no aggregate');
  });

  it('with no gated proportion it says the aggregate mixes kinds', () => {
    const d = draftScorecard(input({ report: null }));
    expect(d.notes.join('\n')).toContain('the aggregate averages metrics of different kinds');
  });
});
