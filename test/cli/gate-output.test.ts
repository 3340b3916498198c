import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDir } from '../helpers/cli';
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
    // A true minus, as in the card and the console (core/format), never an ASCII hyphen.
    expect(cell(-0.022727272727272707)).toBe('−0.02273');
  });
  it('a stored gate that passed underpowered reads PASS (UNDERPOWERED), never a plain pass', () => {
    const t = gatesTable([plain, underpowered], '  ');
    // A regression gate's value is its drop; the table writes Δ = candidate − baseline, as the card does.
    expect(t).toMatch(/^ {2}no_regression\s+PASS \(UNDERPOWERED\)\s+Δ \+0\.02273\s+0\.05\s+Δ ≥ −0\.05\s/m);
    expect(t).toMatch(/^ {2}task_pass_rate\s+PASS\s+0\.9045/m);
  });
  it('the run summary line counts underpowered passes apart', () => {
    const r = { id: 'r1', eval: 'benchmark', status: 'succeeded', decision: 'ACCEPT', failureClass: null, gates: [plain, underpowered] } as unknown as RunDetail;
    expect(runLine(r)).toContain('gates: 2 pass (1 underpowered), 0 fail');
  });
});

describe('gate text through the built CLI', () => {
  it('writes a regression gate as Δ = candidate − baseline with a true minus, $ on a cost, as the card does; --json keeps plain numbers', () => {
    const dir = tempDir();
    const report = (k: number, n: number) =>
      JSON.stringify({ name: 'x', task_count: n, pass_count: k, fail_count: n - k, error_count: 0, pass_rate: k / n, results: Array.from({ length: n }, (_, i) => ({ task_id: `t${i}`, passed: i < k, outcome: { cost: 0.001, status: 'ok' } })) });
    writeFileSync(join(dir, 'base.json'), report(150, 200));
    writeFileSync(join(dir, 'cand.json'), report(160, 200));
    writeFileSync(
      join(dir, 'policy.yaml'),
      'tiers: [base]\ndefault_tier: base\ngates:\n  - {name: no_regression, kind: regression, metric: task_pass_rate, mode: tolerance, tolerance: 0.05}\n  - {name: cost, kind: regression, metric: cost_per_success_usd, mode: tolerance, tolerance: 0.5}\n',
    );
    const args = ['gate', '--policy', 'policy.yaml', '--eval-report', 'cand.json', '--baseline', 'eval-report=base.json'];
    const r = runCli(args, { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    // The pass rate rose 0.05 (its drop is −0.05); the cost per success fell by $0.00008333 (its drop, lower being better, is −0.00008333 too).
    expect(r.stdout).toMatch(/^no_regression\s+PASS\s+Δ \+0\.05\s+0\.05\s+Δ ≥ −0\.05\s*$/m);
    expect(r.stdout).toMatch(/^cost\s+PASS\s+Δ −\$0\.00008333\s+0\.5\s+Δ ≤ \+\$0\.5\s*$/m);
    expect(r.stdout).not.toMatch(/(^|\s)-\d/m);
    const json = JSON.parse(runCli([...args, '--json'], { cwd: dir }).stdout) as { gates: Array<{ name: string; value: number }> };
    expect(json.gates.find((g) => g.name === 'no_regression')?.value).toBeCloseTo(-0.05, 12);
    expect(json.gates.find((g) => g.name === 'cost')?.value).toBeCloseTo(-0.0000833333, 9);
  });
});
