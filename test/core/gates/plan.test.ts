import { describe, expect, it } from 'vitest';
import { independentPower, planGate } from '../../../src/core/gates/plan';
import type { RegressionSettings } from '../../../src/core/gates/regression';
import { normalSampleSize } from '../../../src/core/stats';

const settings = (mode: 'significance' | 'noninferiority', tolerance: number): RegressionSettings & { mode: typeof mode; tolerance: number } => ({
  name: 'g',
  required: false,
  mode,
  tolerance,
  relative: false,
  alpha: 0.05,
  metric: 'm',
  comparability: { keys: [], allow: false },
  bootstrap: { resamples: 500, seed: 1 },
});

describe('sample-size planner', () => {
  it('the normal formula gives the textbook size: 0.7 vs 0.6, alpha 0.05 two-sided, 80% power → 354 per group', () => {
    // Chow, Shao & Wang, Sample Size Calculations in Clinical Research (2008), §4.2:
    // n = (z₀.₉₇₅ + z₀.₈)²·(p₁q₁ + p₂q₂)/δ² = 7.849·0.45/0.01 = 353.2.
    expect(normalSampleSize(0.7 * 0.3 + 0.6 * 0.4, 0.1, 0.05, 0.8)).toBe(354);
  });

  it('through the real gate (Newcombe, exact enumeration) lands near the textbook size and reaches the power it promises', () => {
    const t0 = performance.now();
    const plan = planGate({ settings: settings('significance', 0), baselineRate: 0.7, detect: 0.1 });
    const ms = performance.now() - t0;
    expect(plan.method).toBe('exact enumeration');
    expect(plan.n!).toBeGreaterThan(320);
    expect(plan.n!).toBeLessThan(390);
    expect(plan.power!).toBeGreaterThanOrEqual(0.8);
    expect(independentPower(settings('significance', 0), 0.7, 0.1, plan.n! - 8)).toBeLessThan(0.8);
    expect(plan.powerAt70!).toBeLessThan(0.7);
    expect(plan.words).toContain(`about ${plan.n} items per side`);
    expect(ms).toBeLessThan(20_000);
  });

  it('noninferiority: the items a truly equal candidate needs to pass', () => {
    const plan = planGate({ settings: settings('noninferiority', 0.05), baselineRate: 0.7 });
    expect(plan.detect).toBe(0);
    // Normal guess: 7.849·0.42/0.0025 ≈ 1319.
    expect(plan.n!).toBeGreaterThan(1150);
    expect(plan.n!).toBeLessThan(1500);
  });

  it('refuses a drop no larger than the tolerance, in words', () => {
    const plan = planGate({ settings: settings('significance', 0.05), baselineRate: 0.7, detect: 0.03 });
    expect(plan.n).toBeNull();
    expect(plan.words).toContain('choose a drop larger than the tolerance');
  });

  it('multiplies by the design effect and tabulates epochs', () => {
    const plan = planGate({ settings: settings('significance', 0), baselineRate: 0.7, detect: 0.1, epochs: { betweenVariance: 0.15, withinVariance: 0.06, k: 3 }, designEffect: 2 });
    expect(plan.method).toBe('normal approximation');
    expect(plan.n).toBe(2 * plan.nIndependent!);
    const e = plan.byEpochs!;
    expect(e[0]!.n).toBeGreaterThan(e[2]!.n);
    // The plan is for the epochs the gate runs (3): the same n as the table's row for 3.
    expect(Math.abs(plan.n! - e[2]!.n)).toBeLessThanOrEqual(2);
    // Epochs only shrink the within-item part: never below the between-item floor.
    expect(e[4]!.n).toBeGreaterThan(Math.ceil(2 * normalSampleSize(2 * 0.15, 0.1, 0.05, 0.8)) - 2);
  });
});

describe('the planner beside an underpowered gate', () => {
  it('an underpowered significance gate at n = 25 carries the items it would need', async () => {
    const { evaluatePolicy } = await import('../../../src/core/evaluate');
    const { parsePolicyText } = await import('../../../src/core/project');
    const p = parsePolicyText('gates:\n  - {name: g, kind: regression, metric: acc, mode: significance, tolerance: 0.05}\n', 'greenlight.yaml');
    if (!p.ok) throw new Error('policy');
    const m = (x: number) => ({ name: 'acc', value: x / 25, n: 25, successes: x, scale: 1, higherIsBetter: true });
    const r = evaluatePolicy(p.value, undefined, [m(17)], { baseline: { metrics: [m(17)] } });
    if (!r.ok) throw new Error('tier');
    const g = r.value.gates[0]!;
    expect(g.evidence.underpowered).toBe(true);
    const plan = g.evidence.plan as { n: number; words: string; power_now: number };
    // 10-point drop (twice the tolerance) against 0.05 at 0.68: about (2.80)²·(0.218 + 0.243)/0.05² ≈ 1450 per side.
    expect(plan.n).toBeGreaterThan(1300);
    expect(plan.n).toBeLessThan(1600);
    expect(plan.words).toContain('to fail a true 10-point drop with 80% power');
    expect(plan.words).toContain('with the 25 items now');
    expect(plan.power_now).toBeLessThan(0.1);
  });
});
