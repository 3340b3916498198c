/**
 * What the drafted card says about statistics (issue 16): the planner's answer for an
 * underpowered gate, and the eval's A/A noise floor in the metric's own units.
 */
import { describe, expect, it } from 'vitest';
import { draftScorecard, type DraftInput } from '../../../src/main/judge/scorecard-draft';
import { parseScorecard, withNoiseFloor } from '../../../src/core/scorecard';
import type { Metric } from '../../../src/core/metric';
import type { PolicyReport } from '../../../src/core/evaluate';

const metrics: Metric[] = [
  { name: 'task_pass_rate', value: 0.62, n: 100, successes: 62, higherIsBetter: true, scale: 1 },
  { name: 'score', value: 71.5, n: 100, stderr: 1.2, higherIsBetter: true, scale: 100 },
];
const PLAN = 'to fail a true 10-point drop with 80% power (tolerance 5 points, alpha 0.05) you need about 1419 items per side; power there 80.5%, at 0.7 of it 65.7%; with the 100 items now, 11.3% (normal approximation)';
const regression = (name: string, underpowered: boolean) => ({
  name, kind: 'regression' as const, status: 'pass' as const, passed: true, value: 0.01, threshold: 0.05, direction: null, note: underpowered ? 'underpowered — …' : 'no drop', failure_class: null,
  evidence: { metric: 'task_pass_rate', underpowered, alpha_adjusted: 0.05, drop_interval: [-0.1, 0.12], plan: { n: 1419, words: PLAN } },
});
const report = { tier: 'base', decision: 'ACCEPT', failure_class: null, overall_passed: true, gates: [regression('thin', true), regression('settled', false)], metadata: {} } as unknown as PolicyReport;

const input = (over: Partial<DraftInput> = {}): DraftInput => ({
  agentName: 'A', version: '0.1.0', evalName: 'e', tier: 'base', metrics, artefacts: [], report, command: ['node', 'x'], cwd: '/p',
  places: { run_dir: '/r', project_dir: '/p', data_dir: '/d', home: '/h' }, commit: null, dirty: null, hardware: null, generatedAt: '2026-01-01T00:00:00Z', ...over,
});

describe('the card’s statistics', () => {
  it("prints the planner's answer beside an underpowered gate, and only there", () => {
    const card = draftScorecard(input()).scorecard ?? '';
    expect(card).toContain(`- \`thin\` is underpowered: ${PLAN}.`);
    expect(card).not.toContain('`settled` is underpowered');
    // The card with them is still a valid card.
    const parsed = parseScorecard(card);
    expect(parsed.ok).toBe(true);
  });

  it('prints the A/A noise floor: which runs, how many items differ, the interval and the floor in the metric’s units', () => {
    const card =
      draftScorecard(
        input({
          noiseFloor: {
            runs: ['run-a', 'run-b'],
            version: '0.1.0',
            measured_at: '2026-01-02T10:00:00.000Z',
            own: false,
            metrics: [
              { name: 'task_pass_rate', paired_items: 100, flipped: 7, noise_floor: 0.0412, interval: [-0.0612, 0.0212], method: 'paired-tango' },
              { name: 'score', paired_items: null, flipped: null, noise_floor: 3.3264, interval: [-2.5264, 4.1264], method: 'normal' },
              { name: 'cost_usd', paired_items: null, flipped: null, noise_floor: null, interval: null, method: null },
            ],
          },
        }),
      ).scorecard ?? '';
    const section = card.slice(card.indexOf('## Noise floor (A/A)'), card.indexOf('## Comparison'));
    expect(section).toContain('Measured by an A/A pair of this eval: runs `run-a` and `run-b` of v0.1.0 on 2026-01-02, the same version run twice with nothing changed.');
    expect(section).toContain('- `task_pass_rate`: 7 of 100 items differ between the two runs; the 95% interval of their difference is [−0.0612, +0.0212], so a change smaller than about ±0.0412 cannot be told from noise (paired-tango).');
    // A 0–100 score reads in its own points, not as a fraction.
    expect(section).toContain('- `score`: no per-item outcomes; the 95% interval of their difference is [−2.5264, +4.1264], so a change smaller than about ±3.3264 cannot be told from noise (normal).');
    expect(section).toContain('- `cost_usd`: no per-item outcomes; no interval (no n, stderr or items).');
  });

  it('a card drafted before its pair ended gets the section later, byte for byte as if rendered with it', () => {
    const block = (flipped: number) => ({ runs: ['a', 'b'] as [string, string], version: '0.1.0', measured_at: '2026-01-02T10:00:00.000Z', own: true, metrics: [{ name: 'task_pass_rate', paired_items: 100, flipped, noise_floor: 0.04, interval: [-0.05, 0.03] as [number, number], method: 'paired-tango' }] });
    const bare = draftScorecard(input()).scorecard!;
    const withIt = draftScorecard(input({ noiseFloor: block(7) })).scorecard!;
    expect(withNoiseFloor(bare, block(7))).toBe(withIt);
    // A card that already has one (an older pair's) has it replaced, not doubled.
    const replaced = withNoiseFloor(withIt, block(9))!;
    expect(replaced).toBe(draftScorecard(input({ noiseFloor: block(9) })).scorecard);
    expect(replaced.split('## Noise floor (A/A)')).toHaveLength(2);
    // Not a card this renderer wrote: nothing to patch.
    expect(withNoiseFloor('# some notes\n', block(7))).toBeNull();
  });

  it('a card without a noise floor has no such section', () => {
    expect(draftScorecard(input()).scorecard).not.toContain('Noise floor');
    expect(draftScorecard(input({ noiseFloor: null })).scorecard).not.toContain('Noise floor');
  });
});
