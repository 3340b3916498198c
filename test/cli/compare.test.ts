import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli';

function files(baseline: string, candidate: string): { dir: string; args: string[] } {
  const dir = tempDir();
  writeFileSync(join(dir, 'baseline.json'), baseline);
  writeFileSync(join(dir, 'candidate.json'), candidate);
  return { dir, args: ['compare', '--baseline', 'baseline.json', '--candidate', 'candidate.json', '--json'] };
}

function compare(baseline: unknown, candidate: unknown, extra: string[] = []) {
  const { dir, args } = files(JSON.stringify(baseline), JSON.stringify(candidate));
  const r = runCli([...args, ...extra], { cwd: dir });
  return { ...r, report: r.stdout ? (JSON.parse(r.stdout) as Record<string, unknown>) : undefined };
}

describe('greenlight compare (seed 002 compare gate)', () => {
  it('50/30 vs 49.5/29.8 → ACCEPT, exit 0, seed 002 report shape', () => {
    const r = compare({ gpqa: 50, mmlu: 30 }, { gpqa: 49.5, mmlu: 29.8 });
    expect(r.code).toBe(0);
    expect(r.report).toMatchObject({ pass: true, decision: 'ACCEPT', failure_class: null });
    expect((r.report?.per_task as Record<string, unknown>).gpqa).toEqual({ baseline: 50, candidate: 49.5, drop: 0.5, drop_fraction: 0.005, scale: 100, within_threshold: true });
  });
  it('50 → 47.5 → REGRESSION naming the task, exit 1', () => {
    const r = compare({ gpqa: 50 }, { gpqa: 47.5 });
    expect(r.code).toBe(1);
    expect(r.report?.decision).toBe('REGRESSION');
    expect(r.report?.detail).toContain('gpqa');
  });
  it('50 → 49 with --threshold 0.01 → ACCEPT (inclusive)', () => {
    expect(compare({ gpqa: 50 }, { gpqa: 49 }, ['--threshold', '0.01']).report?.decision).toBe('ACCEPT');
  });
  it('50 → 55 → ACCEPT but 50 → 55.01 → ANOMALOUS', () => {
    expect(compare({ gpqa: 50 }, { gpqa: 55 }).report?.decision).toBe('ACCEPT');
    const r = compare({ gpqa: 50 }, { gpqa: 55.01 });
    expect(r.report?.decision).toBe('ANOMALOUS');
    expect(r.code).toBe(1);
  });
  it('50 → 150 → ANOMALOUS', () => {
    expect(compare({ gpqa: 50 }, { gpqa: 150 }).report?.decision).toBe('ANOMALOUS');
  });
  it('--relative: 50 → 49.6 passes, 50 → 49.4 fails', () => {
    expect(compare({ t: 50 }, { t: 49.6 }, ['--relative']).code).toBe(0);
    expect(compare({ t: 50 }, { t: 49.4 }, ['--relative']).code).toBe(1);
  });
  it('a 0–1 task 1.0 → 0.0 → REGRESSION; 0.900 → 0.895 → ACCEPT', () => {
    expect(compare({ t: 1.0 }, { t: 0.0 }).report?.decision).toBe('REGRESSION');
    expect(compare({ t: 0.9 }, { t: 0.895 }).report?.decision).toBe('ACCEPT');
  });
  it('0.5 → 0.4 with --scales {"t": 100} (inline or a file) → ACCEPT', () => {
    expect(compare({ t: 0.5 }, { t: 0.4 }, ['--scales', '{"t": 100}']).report?.decision).toBe('ACCEPT');
    const { dir, args } = files('{"t": 0.5}', '{"t": 0.4}');
    writeFileSync(join(dir, 'scales.json'), '{"t": 100}');
    expect(runCli([...args, '--scales', 'scales.json'], { cwd: dir }).code).toBe(0);
  });
  it('a mixed suite names only the regressed task', () => {
    const r = compare({ gpqa: 50, mmlu: 70 }, { gpqa: 50, mmlu: 65 });
    expect(r.report?.detail).toContain('mmlu');
    expect(r.report?.detail).not.toContain('gpqa');
  });
  it('task sets {gpqa} vs {scicode} → SAMPLE_ACCOUNTING_FAILED', () => {
    const r = compare({ gpqa: 50 }, { scicode: 50 });
    expect(r.code).toBe(1);
    expect(r.report).toMatchObject({ decision: 'ANOMALOUS', failure_class: 'SAMPLE_ACCOUNTING_FAILED' });
  });
  it.each([['[1,2]'], ['5'], ['{"t":"100"}'], ['0'], ['-5'], ['NaN'], ['{"t":0}'], ['{"t":-5}'], ['{"t":NaN}']])('--scales %s → USER_CONFIG_ERROR, exit 1', (scales) => {
    const r = compare({ t: 50 }, { t: 49 }, ['--scales', scales]);
    expect(r.code).toBe(1);
    expect(r.report).toMatchObject({ pass: false, failure_class: 'USER_CONFIG_ERROR' });
  });
  it.each([['"42"'], ['null'], ['NaN'], ['true']])('a candidate score %s → ANOMALOUS without a crash', (score) => {
    const { dir, args } = files('{"t": 50}', `{"t": ${score}}`);
    const r = runCli(args, { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(/internal error|at .*\.js/);
    expect(JSON.parse(r.stdout)).toMatchObject({ pass: false, decision: 'ANOMALOUS' });
  });
  it('an empty baseline → USER_CONFIG_ERROR, exit 1', () => {
    expect(compare({}, { t: 1 }).report).toMatchObject({ decision: 'ANOMALOUS', failure_class: 'USER_CONFIG_ERROR' });
  });
  it('an unreadable or unparsable file → exit 2 with one line naming it', () => {
    const { dir, args } = files('{"t": 50}', '{"t": ');
    const bad = runCli(args, { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/candidate\.json: not valid JSON/);
    const missing = runCli(['compare', '--baseline', 'nope.json', '--candidate', 'candidate.json'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.json: not found/);
  });
  it('--threshold abc and an unknown flag → exit 2', () => {
    const { dir, args } = files('{"t": 50}', '{"t": 50}');
    expect(runCli([...args, '--threshold', 'abc'], { cwd: dir }).code).toBe(2);
    expect(runCli([...args, '--bogus'], { cwd: dir }).code).toBe(2);
  });
  it('--format github prints ::error:: for a regression; a table without --json', () => {
    const { dir } = files('{"gpqa": 50}', '{"gpqa": 40}');
    const r = runCli(['compare', '--baseline', 'baseline.json', '--candidate', 'candidate.json', '--format', 'github'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^::error title=gate compare::.*gpqa/m);
    expect(r.stdout).toMatch(/^gate\s+status/m);
  });
  it('without --json lists every regressed task in an aligned table, regressed and anomalous first, capped at 50 rows', () => {
    // 60 tasks, 7 regressed (the gate note names only five) and one that is not a number.
    const baseline = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`task${String(i).padStart(2, '0')}`, 50]));
    const regressed = ['task03', 'task11', 'task19', 'task27', 'task35', 'task43', 'task59'];
    const candidate: Record<string, unknown> = { ...baseline, task50: '42' };
    regressed.forEach((t, i) => (candidate[t] = 45 - i));
    const { dir, args } = files(JSON.stringify(baseline), JSON.stringify(candidate));
    const r = runCli(args.filter((a) => a !== '--json'), { cwd: dir });
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    const head = lines.findIndex((l) => /^task\s+status\s+baseline\s+candidate\s+Δ\s+Δ fraction\s+within threshold\s+note$/.test(l));
    expect(head).toBeGreaterThan(0);
    const rows = lines.slice(head + 1, head + 51);
    expect(rows[0]).toMatch(/^task50\s+ANOMALOUS\s+50\s+"42"\s+—/);
    // The regressed tasks next, the largest drop first, then the passing ones.
    expect(rows.slice(1, 8).map((l) => l.split(/\s+/)[0])).toEqual([...regressed].reverse());
    // Δ = candidate − baseline with a true minus, ±0 for no change (the JSON keeps drop = 11).
    expect(rows[1]).toMatch(/^task59\s+FAIL\s+50\s+39\s+−11\s+−0\.11\s+no$/);
    expect(rows[8]).toMatch(/^task\d\d\s+PASS\s+50\s+50\s+±0\s+±0\s+yes$/);
    expect(r.stdout).not.toMatch(/(^|\s)-\d/m);
    // Columns line up: every row's status starts where the header's does.
    const col = (lines[head] as string).indexOf('status');
    for (const row of rows) expect((row as string).slice(col)).toMatch(/^(ANOMALOUS|FAIL|PASS) /);
    expect(lines[head + 51]).toBe('… 10 more (use --json)');
    // --json is unchanged: the report alone, every task in per_task.
    const json = compare(baseline, candidate);
    expect(Object.keys(json.report?.per_task as object)).toHaveLength(60);
    expect(Object.keys(json.report ?? {})).toEqual(['pass', 'decision', 'failure_class', 'detail', 'threshold', 'relative', 'mode', 'per_task']);
  });
  it('--output writes the report', () => {
    const { dir, args } = files('{"t": 50}', '{"t": 50}');
    const r = runCli([...args.filter((a) => a !== '--json'), '--output', 'out/compare.json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(runCli(['compare', '--baseline', 'out/compare.json', '--candidate', 'out/compare.json'], { cwd: dir }).code).toBe(1); // the report is not a score map: judged, not a crash
  });
});

describe('compare given a file of another kind', () => {
  it('says which kind the file looks like instead of treating its fields as tasks (exit 2)', () => {
    const dir = tempDir();
    const report = join(dir, 'eval-report.json');
    writeFileSync(report, JSON.stringify({ task_count: 2, pass_count: 1, results: [{ id: 'a', passed: true }, { id: 'b', passed: false }] }));
    const scores = join(dir, 'scores.json');
    writeFileSync(scores, JSON.stringify({ a: 0.5, b: 0.7 }));
    const r = runCli(['compare', '--baseline', scores, '--candidate', report]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`--candidate ${report}: this looks like an eval report (tasks with pass/fail results), not task scores`);
    expect(r.stderr).toContain(`greenlight gate --artefact eval-report=${report}`);
  });
});
