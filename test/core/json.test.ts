import { describe, expect, it } from 'vitest';
import { parseJsonTolerant } from '../../src/core/json';

describe('parseJsonTolerant', () => {
  it("reads Python's NaN / Infinity / -Infinity literals as numbers, not inside strings", () => {
    const r = parseJsonTolerant('{"a": NaN, "b": Infinity, "c": -Infinity, "d": "NaN Infinity", "e": [1, NaN]}');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const v = r.value as Record<string, unknown>;
    expect(v.a).toBeNaN();
    expect(v.b).toBe(Infinity);
    expect(v.c).toBe(-Infinity);
    expect(v.d).toBe('NaN Infinity');
    expect((v.e as number[])[1]).toBeNaN();
  });
  it('reports broken JSON as a problem, not a throw', () => {
    const r = parseJsonTolerant('{"a": ', 'x.json');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]?.message).toMatch(/not valid JSON/);
  });
});
