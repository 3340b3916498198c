import { describe, expect, it } from 'vitest';
import { describeRaw, toMetricValue } from '../../src/core/metric';

describe('metric values', () => {
  it('keeps finite numbers and records what any other value was', () => {
    expect(toMetricValue(0.42)).toEqual({ value: 0.42 });
    expect(toMetricValue(NaN)).toEqual({ value: null, invalid: 'NaN' });
    expect(toMetricValue(-Infinity)).toEqual({ value: null, invalid: '-Infinity' });
    expect(toMetricValue('42')).toEqual({ value: null, invalid: '"42"' });
    expect(toMetricValue(true)).toEqual({ value: null, invalid: 'true' });
    expect(toMetricValue(null)).toEqual({ value: null, invalid: 'null' });
    expect(toMetricValue(undefined)).toEqual({ value: null, invalid: 'missing' });
  });

  it('describes a finite number as itself (a count of 10 once read "Infinity" in a note)', () => {
    expect(describeRaw(10)).toBe('10');
    expect(describeRaw(0)).toBe('0');
    expect(describeRaw(-5)).toBe('-5');
  });
});
