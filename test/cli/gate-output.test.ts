import { describe, expect, it } from 'vitest';
import { cell, gatesTable } from '../../src/main/cli/gate-output';
import { runLine } from '../../src/main/cli/runs/json';
import type { RunDetail } from '../../src/shared/schemas';

const underpowered = { name: 'no_regression', kind: 'regression', status: 'pass' as const, value: -0.022727272727272707, threshold: 0.05, direction: 'max' as const, passed: true, note: 'drop -0.0227; underpowered: ±0.0588 is wider than the tolerance 0.05', failure_class: null, evidence: { underpowered: true } };
const plain = { name: 'task_pass_rate', kind: 'threshold', status: 'pass' as const, value: 0.9045454545454545, threshold: 0.55, direction: 'min' as const, passed: true, note: '', failure_class: null, evidence: {} };

describe('CLI tables', () => {
  it('numbers keep 4 decimals, or 4 significant digits below 1', () => {
    expect(cell(0.9045454545454545)).toBe('0.9045');
    expect(cell(0.002243663316582914)).toBe('0.002244');
    expect(cell(90.454545)).toBe('90.4545');
    expect(cell(12)).toBe('12');
    expect(cell(null)).toBe('—');
  });
  it('a stored gate that passed underpowered reads PASS (UNDERPOWERED), never a plain pass', () => {
    const t = gatesTable([plain, underpowered], '  ');
    expect(t).toMatch(/^ {2}no_regression\s+PASS \(UNDERPOWERED\)\s+-0\.02273/m);
    expect(t).toMatch(/^ {2}task_pass_rate\s+PASS\s+0\.9045/m);
  });
  it('the run summary line counts underpowered passes apart', () => {
    const r = { id: 'r1', eval: 'benchmark', status: 'succeeded', decision: 'ACCEPT', failureClass: null, gates: [plain, underpowered] } as unknown as RunDetail;
    expect(runLine(r)).toContain('gates: 2 pass (1 underpowered), 0 fail');
  });
});
