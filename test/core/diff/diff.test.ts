import { describe, expect, it } from 'vitest';
import { deltaOf, diffSides, formatDiff, lineDiff, type DiffSide } from '../../../src/core/diff';

const side = (over: Partial<DiffSide>): DiffSide => ({ label: 'x', version: null, aggregate: null, metrics: [], breakdown: [], gates: [], context: {}, ...over });

describe('diff', () => {
  it('a delta gets a Newcombe interval from two proportions and says improved only when it excludes 0', () => {
    const big = deltaOf({ value: 0.4, n: 100, successes: 40 }, { value: 0.6, n: 100, successes: 60 });
    expect(big).toMatchObject({ delta: expect.closeTo(0.2, 10), method: 'newcombe', verdict: 'improved' });
    expect(big.interval?.lo).toBeGreaterThan(0);
    // n = 25: a 40% → 44% change is noise. (A 0–1 scale marks a proportion without a success count.)
    const small = deltaOf({ value: 0.4, n: 25, scale: 1 }, { value: 0.44, n: 25, scale: 1 });
    expect(small.verdict).toBe('no clear change');
    expect((small.interval?.hi ?? 0) - (small.interval?.lo ?? 0)).toBeGreaterThan(0.4);
  });

  it('uses normal intervals from stderr, and direction for lower-is-better metrics', () => {
    const d = deltaOf({ value: 0.5, stderr: 0.01 }, { value: 0.3, stderr: 0.01 }, false);
    expect(d).toMatchObject({ method: 'normal', verdict: 'improved' });
    // Without an interval the direction still reads: a rise is better for higher-is-better, worse for a cost.
    expect(deltaOf({ value: 3 }, { value: 4 })).toMatchObject({ method: 'none', verdict: 'improved (no interval)', interval: null });
    expect(deltaOf({ value: 3 }, { value: 4 }, false)).toMatchObject({ verdict: 'worse (no interval)' });
    expect(deltaOf({ value: 3 }, { value: 3 }, false)).toMatchObject({ verdict: 'unchanged' });
  });

  it('an underpowered pass is a gate change from a plain pass, and reads "pass (underpowered)"', () => {
    const note = 'drop -0.02 in [-0.08, 0.04]; underpowered: ±0.06 is wider than the tolerance 0.05';
    const d = diffSides(side({ label: 'a', gates: [{ name: 'g', status: 'pass' }, { name: 'h', status: 'pass' }] }), side({ label: 'b', gates: [{ name: 'g', status: 'pass', note }, { name: 'h', status: 'pass' }] }));
    expect(d.gates).toEqual([
      { name: 'g', baseline: 'pass', candidate: 'pass', underpowered: { baseline: false, candidate: true }, changed: true },
      { name: 'h', baseline: 'pass', candidate: 'pass', changed: false },
    ]);
    expect(formatDiff(d)).toContain('  gate g: pass → pass (underpowered)');
  });

  it('lines up metrics, categories and gates; reports added, removed and not comparable', () => {
    const d = diffSides(
      side({ label: 'v0.1.0', version: '0.1.0', aggregate: 40, metrics: [{ name: 'acc', value: 0.4, n: 220, scale: 1 }, { name: 'old', value: 1 }], breakdown: [{ metric: 'acc', category: 'urgent', value: 0.5, n: 40 }], gates: [{ name: 'g', status: 'pass' }], context: { limit: null, dataset_size: 220 } }),
      side({ label: 'run 7', version: '0.2.0', aggregate: 30, metrics: [{ name: 'acc', value: 0.3, n: 25, scale: 1 }, { name: 'new', value: 2 }], breakdown: [{ metric: 'acc', category: 'urgent', value: 0.25, n: 4 }], gates: [{ name: 'g', status: 'fail' }], context: { limit: 25, dataset_size: 25 } }),
    );
    expect(d.added).toEqual(['new']);
    expect(d.removed).toEqual(['old']);
    expect(d.gates).toEqual([{ name: 'g', baseline: 'pass', candidate: 'fail', changed: true }]);
    expect(d.categories[0]).toMatchObject({ metric: 'acc', category: 'urgent', baseline: 0.5, candidate: 0.25, method: 'newcombe' });
    expect(d.comparable).toBe(false);
    expect(d.warnings.join('\n')).toMatch(/not comparable: dataset_size 220 vs 25/);
    expect(d.warnings.join('\n')).toContain('acc: measured on 25 items against 220 in the baseline');
    expect(d.aggregate).toMatchObject({ baseline: 40, candidate: 30, delta: -10 });
  });

  it('a value in [0, 1] that is not a proportion (a cost) gets no Newcombe interval and no item-count warning', () => {
    // Seen in the console: cost_per_success_usd ($0.0022, n = passes) was compared as if it were a pass rate.
    const cost = deltaOf({ value: 0.0022, n: 199 }, { value: 0.0026, n: 176 }, false);
    // A cost that rose by 18% is worse, not a neutral "changed".
    expect(cost).toMatchObject({ method: 'none', interval: null, verdict: 'worse (no interval)' });
    const d = diffSides(
      side({ metrics: [{ name: 'cost_per_success_usd', value: 0.0022, n: 199, higherIsBetter: false }] }),
      side({ metrics: [{ name: 'cost_per_success_usd', value: 0.0026, n: 176, higherIsBetter: false }] }),
    );
    expect(d.warnings).toEqual([]);
  });

  it('line diff marks removals before additions, with context', () => {
    expect(lineDiff('a\nb\nc\n', 'a\nB\nc\n')).toEqual(['  a', '- b', '+ B', '  c']);
    expect(lineDiff('', 'x\n')).toEqual(['+ x']);
  });
});
