/**
 * One number rule (issue 15): a true minus on every negative Δ, four significant digits below 1,
 * and two decimals on the aggregate's /100 scale — Compare printed [−61.9558, −47.1242] beside 90.45.
 */
import { describe, expect, it } from 'vitest';
import { fmtAggregate, fmtAggregateDelta, fmtAggregateDeltaInterval, fmtDelta, fmtDeltaInterval, fmtValue } from '../../../src/core/format/numbers';

describe('numbers as a reader sees them', () => {
  it('the /100 scale: two decimals for the value, its Δ and the Δ interval', () => {
    expect(fmtAggregateDeltaInterval({ lo: -61.95581, hi: -47.12419 })).toBe('[−61.96, −47.12]');
    expect(fmtAggregateDeltaInterval([-3.53755, 8.07755])).toBe('[−3.54, +8.08]');
    expect(fmtAggregateDelta(2.2727)).toBe('+2.27');
    expect(fmtAggregateDelta(-0.004)).toBe('±0');
    expect(fmtAggregate(90.4545)).toBe('90.45/100');
  });

  it('a Δ is signed with U+2212, never an ASCII hyphen; a cost keeps its digits and its $', () => {
    expect(fmtDelta(-0.0227272)).toBe('−0.02273');
    expect(fmtDeltaInterval({ lo: -0.0358837, hi: 0.0816361 })).toBe('[−0.03588, +0.08164]');
    expect(fmtDelta(-0.0000603367, undefined, 'cost_per_success_usd')).toBe('−$0.00006034');
    expect(fmtValue(-0.5, 'USD')).toBe('−$0.5');
    expect(fmtDelta(0)).toBe('±0');
    for (const s of [fmtDelta(-1.5), fmtDeltaInterval([-2, -1]), fmtAggregateDeltaInterval([-9, -1])]) expect(s).not.toContain('-');
  });
});
