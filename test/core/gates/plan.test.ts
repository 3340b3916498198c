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
    const plan = planGate({ settings: settings('significance', 0), baselineRate: 0.7, detect: 0.1, epochs: { betweenVariance: 0.15, withinVariance: 0.06 }, designEffect: 2 });
    expect(plan.method).toBe('normal approximation');
    expect(plan.n).toBe(2 * plan.nIndependent!);
    const e = plan.byEpochs!;
    expect(e[0]!.n).toBeGreaterThan(e[2]!.n);
    // Epochs only shrink the within-item part: never below the between-item floor.
    expect(e[4]!.n).toBeGreaterThan(Math.ceil(2 * normalSampleSize(2 * 0.15, 0.1, 0.05, 0.8)) - 2);
  });
});
