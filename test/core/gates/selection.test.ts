import { describe, expect, it } from 'vitest';
import { selectionAction, selectionGate, selectionScore } from '../../../src/core/gates/selection';
import { parsePolicy } from '../../../src/core/project';

const score = (h: number, s: number, metric: string, w?: number) => {
  const r = selectionScore(h, s, metric, w);
  if (!r.ok) throw new Error('usage');
  return r.value;
};

describe('selection gate (seed 003)', () => {
  it('(0.8, 0.3) → hard 0.8, soft 0.3', () => {
    expect(score(0.8, 0.3, 'hard')).toBe(0.8);
    expect(score(0.8, 0.3, 'soft')).toBe(0.3);
  });
  it('mixed (1, 0) → 0.5; (0.8, 0.4, w = 0.25) → 0.7', () => {
    expect(score(1, 0, 'mixed')).toBe(0.5);
    expect(score(0.8, 0.4, 'mixed', 0.25)).toBeCloseTo(0.7, 12);
  });
  it('w = 5 clamps to soft, w = −2 to hard', () => {
    expect(score(0.8, 0.3, 'mixed', 5)).toBe(0.3);
    expect(score(0.8, 0.3, 'mixed', -2)).toBe(0.8);
  });
  it('metric rouge is a usage error, in code and in a policy', () => {
    const r = selectionScore(0.8, 0.3, 'rouge');
    expect(r.ok).toBe(false);
    const p = parsePolicy({ gates: [{ name: 'select', kind: 'selection', metric: 'rouge' }] });
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.problems[0]?.path).toBe('gates[select].metric');
  });
  it('accept_new_best, accept, and strict ties', () => {
    expect(selectionAction(0.9, 0.5, 0.8)).toBe('accept_new_best');
    expect(selectionAction(0.7, 0.5, 0.8)).toBe('accept');
    expect(selectionAction(0.8, 0.5, 0.8)).toBe('accept'); // a tie with best → accept
    expect(selectionAction(0.5, 0.5, 0.8)).toBe('reject'); // a tie with current → reject
    expect(selectionAction(NaN, 0.5, 0.8)).toBe('reject');
  });
  it('as a gate: reject fails, NaN is anomalous and rejects', () => {
    const g = selectionGate({ name: 's', metric: 'hard', mixedWeight: 0.5, candidate: { hard: 0.5, soft: 0 }, current: 0.5, best: 0.8 });
    expect(g.status).toBe('fail');
    expect(g.evidence.action).toBe('reject');
    const a = selectionGate({ name: 's', metric: 'hard', mixedWeight: 0.5, candidate: { hard: NaN, soft: 0 }, current: 0.5 });
    expect(a.status).toBe('anomalous');
    expect(a.note).toMatch(/^reject/);
    const ok = selectionGate({ name: 's', metric: 'mixed', mixedWeight: 0.25, candidate: { hard: 0.8, soft: 0.4 }, current: 0.6, best: 0.65 });
    expect(ok.status).toBe('pass');
    expect(ok.evidence.action).toBe('accept_new_best');
  });
});
