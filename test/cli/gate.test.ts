import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, runCli, tempDir } from '../helpers/cli';

interface Report {
  tier: string;
  overall_passed: boolean;
  decision: string;
  failure_class: string | null;
  gates: Array<{ name: string; kind: string; status: string; value: number | null; threshold: number | null; direction: string | null; passed: boolean; note: string; failure_class: string | null }>;
  metadata: Record<string, unknown>;
}

/** Seed 000's inputs in their own formats: eval report, shadow summary, labelled traces. */
function seed000(dir: string, { passCount = 7, taskCount = 10, cost = 0.1 } = {}): void {
  const results = Array.from({ length: taskCount }, (_, i) => ({ task_id: `t${i}`, passed: i < passCount, outcome: { cost, duration_s: 12, status: i < passCount ? 'done' : 'failed', error: null } }));
  writeFileSync(
    join(dir, 'candidate.json'),
    JSON.stringify({ name: 'holo3-sft', started_at: '2026-01-01T00:00:00Z', ended_at: '2026-01-01T01:00:00Z', task_count: taskCount, pass_count: passCount, fail_count: taskCount - passCount, error_count: 0, pass_rate: passCount / taskCount, results }),
  );
  writeFileSync(
    join(dir, 'shadow_summary.json'),
    JSON.stringify({ variants: { candidate: { run_count: 20, step_count: 400, escalation_count: 16, failure_count: 2, escalation_rate: 0.04, failure_rate: 0.005 }, base: { run_count: 20, step_count: 400, escalation_count: 30, failure_count: 3, escalation_rate: 0.075, failure_rate: 0.0075 } }, comparison: {} }),
  );
  mkdirSync(join(dir, 'labelled'));
  const steps = Array.from({ length: 100 }, (_, i) => ({ step_index: i, label: i < 1 ? 'escalation' : 'gate_verify_pass', label_reason: i < 1 ? 'escalation' : 'gate_verify_pass' }));
  writeFileSync(join(dir, 'labelled', 'run1.json'), JSON.stringify({ run_id: 'run1', status: 'done', label_summary: {}, steps }));
}

const seedArgs = ['--eval-report', 'candidate.json', '--shadow-summary', 'shadow_summary.json', '--labelled-traces', 'labelled'];
const BASE_VALUES = ['task_pass_rate=0.40', 'parser_validity=0.95', 'grounding_accuracy=0.55', 'forbidden_region_avoidance=0.90', 'loop_rate_max=0.10', 'gallery_recovery_rate=0.70', 'escalation_rate_max=0.10', 'done_completeness=0.70', 'cost_per_success_usd_max=0.50'].flatMap((m) => ['--metric', m]);

function gate(args: string[], dir = tempDir()) {
  const r = runCli(['gate', ...args, '--json'], { cwd: dir });
  return { ...r, dir, report: r.code !== 2 ? (JSON.parse(r.stdout) as Report) : undefined };
}

describe('greenlight gate with seed 000’s command line and the built-in policy', () => {
  it('runs seed 000’s documented command and writes its report shape to --output', () => {
    const dir = tempDir();
    seed000(dir);
    const r = runCli(['gate', ...seedArgs, '--tier', 'first_sft', '--output', 'reports/scorecard.json', '--metric', 'parser_validity=0.99', '--metric', 'grounding_accuracy=0.78'], { cwd: dir });
    const report = JSON.parse(readFileSync(join(dir, 'reports/scorecard.json'), 'utf8')) as Report;
    expect(report.tier).toBe('first_sft');
    expect(Object.keys(report).slice(0, 5)).toEqual(['tier', 'overall_passed', 'decision', 'failure_class', 'gates']);
    const byName = Object.fromEntries(report.gates.map((g) => [g.name, g]));
    expect(byName.task_pass_rate).toMatchObject({ value: 0.7, threshold: 0.55, direction: 'min', passed: true, note: '' });
    expect(byName.escalation_rate_max).toMatchObject({ value: 0.04, threshold: 0.05, direction: 'max', status: 'pass' });
    expect(byName.parser_validity).toMatchObject({ value: 0.99, status: 'pass' });
    expect(byName.gallery_recovery_rate).toMatchObject({ value: 0, passed: true, status: 'skipped', note: 'input missing — gate skipped' });
    expect(byName.loop_rate_max).toMatchObject({ value: 0.01, status: 'pass' });
    expect(byName.forbidden_region_avoidance).toMatchObject({ value: 0.99, status: 'pass' });
    expect(byName.cost_per_success_usd_max?.value).toBeCloseTo(0.1 * 10 / 7, 10);
    expect(report.metadata.label_step_count).toBe(100);
    expect(report.metadata.label_reason_counts).toEqual({ escalation: 1, gate_verify_pass: 99 });
    expect(report.decision).toBe('ACCEPT');
    expect(report.overall_passed).toBe(true);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/decision: ACCEPT at tier first_sft — 2 of 9 gates skipped \(input missing\)/);
    // The table shows a skipped gate's value as —, not seed 000's placeholder 0.
    expect(r.stdout).toMatch(/^gallery_recovery_rate\s+SKIPPED\s+—\s+0\.85/m);
  });
  it('values exactly at the base thresholds pass at base and fail at first_sft', () => {
    const atBase = gate(['--tier', 'base', ...BASE_VALUES]);
    expect(atBase.code).toBe(0);
    expect(atBase.report?.gates.every((g) => g.status === 'pass')).toBe(true);
    const atSft = gate(['--tier', 'first_sft', ...BASE_VALUES]);
    expect(atSft.code).toBe(1);
    expect(atSft.report?.gates.every((g) => g.status === 'fail')).toBe(true);
    expect(atSft.report?.decision).toBe('REGRESSION');
  });
  it('tier prod_only is a usage error (exit 2)', () => {
    const r = gate(['--tier', 'prod_only']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown tier/);
  });
  // Issue 10, point 6: this test said exit 0 — nothing measured was ACCEPT. Seed 000's
  // overall_passed keeps its rule; the decision and the exit code no longer pass on nothing.
  it('no inputs: every gate skipped → INCONCLUSIVE (MISSING_INPUT), exit 1; overall_passed keeps seed 000\'s rule', () => {
    const r = gate([]);
    expect(r.code).toBe(1);
    expect(r.report?.gates.every((g) => g.status === 'skipped' && g.passed)).toBe(true);
    expect(r.report?.overall_passed).toBe(true);
    expect(r.report?.decision).toBe('INCONCLUSIVE');
    expect(r.report?.failure_class).toBe('MISSING_INPUT');
  });
  it('--allow-empty accepts a run with nothing measured: exit 0 with a ::warning::', () => {
    const r = runCli(['gate', '--allow-empty'], { cwd: tempDir() });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/decision: INCONCLUSIVE \(MISSING_INPUT\)/);
    expect(r.stdout).toMatch(/^::warning title=greenlight gate::nothing was measured/m);
  });
  it('a policy that declares no gates is INCONCLUSIVE, exit 1 — never ACCEPT on nothing', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'greenlight.yaml'), 'gates: []\n');
    seed000(dir, { passCount: 5 });
    const r = gate(['--policy', 'greenlight.yaml', '--eval-report', 'candidate.json'], dir);
    expect(r.code).toBe(1);
    expect(r.report?.decision).toBe('INCONCLUSIVE');
  });
  it('an override 0.99 beats a report value 0.10', () => {
    const dir = tempDir();
    seed000(dir, { passCount: 1 });
    const r = gate(['--eval-report', 'candidate.json', '--metric', 'task_pass_rate=0.99'], dir);
    expect(r.report?.gates.find((g) => g.name === 'task_pass_rate')).toMatchObject({ value: 0.99, status: 'pass' });
  });
  it('a NaN override is anomalous, exit 1', () => {
    const r = gate(['--metric', 'task_pass_rate=nan']);
    expect(r.code).toBe(1);
    expect(r.report?.decision).toBe('ANOMALOUS');
    expect(r.report?.gates.find((g) => g.name === 'task_pass_rate')).toMatchObject({ status: 'anomalous', passed: false, value: null });
  });
  it.each([['task_pass_rate'], ['task_pass_rate=abc'], ['=0.5'], ['task_pass_rate=']])('a malformed --metric %s is exit 2', (m) => {
    const r = gate(['--metric', m]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--metric/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
  it('zero passes → the cost gate is skipped', () => {
    const dir = tempDir();
    seed000(dir, { passCount: 0 });
    const r = gate(['--eval-report', 'candidate.json', '--tier', 'base'], dir);
    expect(r.report?.gates.find((g) => g.name === 'cost_per_success_usd_max')?.status).toBe('skipped');
    expect(r.report?.gates.find((g) => g.name === 'task_pass_rate')?.status).toBe('fail');
  });
  it('a missing artefact is exit 2 naming the file', () => {
    const r = gate(['--eval-report', 'nope.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nope\.json: not found/);
  });
  it('--format github annotates failures and skips', () => {
    const r = runCli(['gate', '--metric', 'task_pass_rate=0.1', '--format', 'github'], { cwd: tempDir() });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^::error title=gate task_pass_rate::/m);
    expect(r.stdout).toMatch(/^::warning title=gate parser_validity::.*skipped/m);
  });
});

describe('greenlight gate with a policy file', () => {
  const policy = `
tiers: [dev, prod]
default_tier: prod
gates:
  - name: accuracy
    metric: acc
    direction: min
    thresholds: {dev: 0.3, prod: 0.5}
  - name: no_regression
    kind: regression
    metric: acc
    mode: MODE
    tolerance: 0.05
    required: true
`;
  function project(mode: string, candidate: object, baseline: object): string {
    const dir = tempDir();
    writeFileSync(join(dir, 'greenlight.yaml'), policy.replace('MODE', mode));
    writeFileSync(join(dir, 'cand.json'), JSON.stringify(candidate));
    writeFileSync(join(dir, 'base.json'), JSON.stringify(baseline));
    return dir;
  }
  const cand = { metrics: [{ name: 'acc', value: 0.4, n: 25, successes: 10 }] };
  const base = { metrics: [{ name: 'acc', value: 0.46, n: 100, successes: 46 }] };

  it('10/25 against 46/100: noninferiority fails, significance passes, both underpowered', () => {
    const ni = gate(['--artefact', 'metrics=cand.json', '--baseline', 'metrics=base.json', '--tier', 'dev'], project('noninferiority', cand, base));
    expect(ni.code).toBe(1);
    const niGate = ni.report?.gates.find((g) => g.name === 'no_regression');
    expect(niGate?.status).toBe('fail');
    expect(niGate?.note).toMatch(/underpowered.*smallest detectable drop/);
    const sig = gate(['--artefact', 'metrics=cand.json', '--baseline', 'metrics=base.json', '--tier', 'dev', '--format', 'github'], project('significance', cand, base));
    expect(sig.code).toBe(0);
    const sigGate = sig.report?.gates.find((g) => g.name === 'no_regression');
    expect(sigGate?.status).toBe('pass');
    expect(sigGate?.note).toMatch(/underpowered.*smallest detectable drop/);
    expect(sig.stderr).toMatch(/::warning title=gate no_regression::.*underpowered/);
  });
  it('the readable table never shows an underpowered gate as a plain pass', () => {
    const dir = project('significance', cand, base);
    const r = runCli(['gate', '--artefact', 'metrics=cand.json', '--baseline', 'metrics=base.json', '--tier', 'dev'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^no_regression\s+PASS \(UNDERPOWERED\)/m);
    expect(r.stdout).toMatch(/^accuracy\s+PASS\s/m);
  });
  it('a required regression gate with no baseline fails with MISSING_INPUT', () => {
    const r = gate(['--artefact', 'metrics=cand.json', '--tier', 'dev'], project('significance', cand, base));
    expect(r.code).toBe(1);
    expect(r.report?.failure_class).toBe('MISSING_INPUT');
  });
  it('a --limit candidate against a full baseline is not comparable', () => {
    const dir = project('tolerance', { ...cand, limit: 25, dataset_size: 25 }, { ...base, dataset_size: 220 });
    const r = gate(['--artefact', 'metrics=cand.json', '--baseline', 'metrics=base.json', '--tier', 'dev'], dir);
    expect(r.report?.gates.find((g) => g.name === 'no_regression')).toMatchObject({ status: 'fail', failure_class: 'NOT_COMPARABLE' });
  });
  it('a policy that fails its schema is exit 2 with the dotted path', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bad.yaml'), 'gates:\n  - name: a\n    direction: min\n    thresholds: {first_sft: high}\n');
    const r = runCli(['gate', '--policy', 'bad.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^greenlight: bad\.yaml:4: gates\[a\]\.thresholds\.first_sft: expected a threshold/m);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  });
  it('validity gates read run and ptq summaries given as artefacts', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'p.yaml'), 'gates:\n  - {name: run_complete, kind: run-validity, required: true}\n  - {name: checkpoint, kind: checkpoint-validity}\n');
    writeFileSync(join(dir, 'run.json'), JSON.stringify({ tasks: { gpqa: { status: 'SUCCESS', expected_samples: 10, scored_samples: 10, score: 0.5, errors: [] } } }));
    writeFileSync(join(dir, 'ptq.json'), JSON.stringify({ source_bytes: 100, output_bytes: 40, recipe: 'nvfp4', layer_precision_counts: { NVFP4: 0 }, metadata_diffs: [] }));
    const r = gate(['--policy', 'p.yaml', '--artefact', 'run-summary=run.json', '--artefact', 'ptq-summary=ptq.json'], dir);
    expect(r.report?.gates.map((g) => g.status)).toEqual(['pass', 'fail']);
    expect(r.report).toMatchObject({ decision: 'INFEASIBLE', failure_class: 'MODEL_UNSUPPORTED' });
  });
  it('a selection gate (seed 003) accepts a new best, accepts, or rejects against the baseline', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'p.yaml'), 'gates:\n  - {name: select, kind: selection, metric: mixed, mixed_weight: 0.25, best: 0.75}\n');
    writeFileSync(join(dir, 'current.json'), JSON.stringify({ hard: 0.6, soft: 0.6 }));
    const run = (hard: string, soft: string) => gate(['--policy', 'p.yaml', '--baseline', 'metrics=current.json', '--metric', `hard=${hard}`, '--metric', `soft=${soft}`], dir);
    const best = run('0.8', '0.8');
    expect(best.code).toBe(0);
    expect(best.report?.gates[0]?.note).toMatch(/^accept_new_best/);
    const accept = run('0.8', '0.4'); // (0.75 · 0.8 + 0.25 · 0.4) = 0.7: above current 0.6, not above best 0.75
    expect(accept.code).toBe(0);
    expect(accept.report?.gates[0]).toMatchObject({ status: 'pass', threshold: 0.6 });
    expect(accept.report?.gates[0]?.value).toBeCloseTo(0.7, 12);
    expect(accept.report?.gates[0]?.note).toMatch(/^accept:/);
    const tie = run('0.6', '0.6');
    expect(tie.code).toBe(1);
    expect(tie.report?.gates[0]?.note).toMatch(/^reject/);
    writeFileSync(join(dir, 'rouge.yaml'), 'gates:\n  - {name: select, kind: selection, metric: rouge}\n');
    const bad = runCli(['gate', '--policy', 'rouge.yaml'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/rouge\.yaml:2: gates\[select\]\.metric: expected metric hard, soft or mixed/);
  });
  it('--baseline-ref reads the previous card from git; a ref that does not resolve is exit 2, never a first release', () => {
    const dir = tempDir();
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
    git('init', '-q');
    git('config', 'user.email', 'ci@example.com');
    git('config', 'user.name', 'ci');
    copyFileSync(join(FIXTURES, 'gaia', 'SCORECARD.email-0.2.5.md'), join(dir, 'SCORECARD.md'));
    git('add', '.');
    git('commit', '-qm', 'release');
    git('tag', 'agent-pkg-email-v0.2.5');
    writeFileSync(join(dir, 'greenlight.yaml'), 'scorecard: [moved/SCORECARD.md, SCORECARD.md]\ngates:\n  - {name: no_regression, kind: regression, metric: category_accuracy, mode: strict, required: true}\n');
    writeFileSync(join(dir, 'cand.json'), JSON.stringify({ category_accuracy: 0.1 }));
    const r = gate(['--artefact', 'metrics=cand.json', '--baseline-ref', 'agent-pkg-email-v0.2.5'], dir);
    expect(r.code).toBe(1);
    expect(r.report?.gates[0]).toMatchObject({ status: 'fail' });
    expect(r.report?.gates[0]?.note).toMatch(/category_accuracy dropped from/);
    const missing = runCli(['gate', '--artefact', 'metrics=cand.json', '--baseline-ref', 'agent-pkg-email-v9.9.9'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--baseline-ref agent-pkg-email-v9\.9\.9: does not resolve/);
  });
  it('an lm-eval --limit run against a full run of the same tasks is flagged not comparable (the classic false regression)', () => {
    const dir = tempDir();
    const limited = JSON.parse(readFileSync(join(FIXTURES, 'lm-eval', 'cpu_regression_expected.json'), 'utf8')) as { 'n-samples': Record<string, { effective: number; original: number }> };
    const full = structuredClone(limited);
    for (const v of Object.values(full['n-samples'])) v.effective = v.original;
    writeFileSync(join(dir, 'limited.json'), JSON.stringify(limited));
    writeFileSync(join(dir, 'full.json'), JSON.stringify(full));
    writeFileSync(join(dir, 'p.yaml'), 'gates:\n  - {name: no_regression, kind: regression, mode: tolerance, tolerance: 1}\n');
    const r = gate(['--policy', 'p.yaml', '--artefact', 'lm-eval=limited.json', '--baseline', 'lm-eval=full.json'], dir);
    expect(r.code).toBe(1);
    expect(r.report?.gates[0]).toMatchObject({ status: 'fail', failure_class: 'NOT_COMPARABLE' });
    expect(r.report?.gates[0]?.note).toMatch(/not comparable: limit/);
    expect(r.stderr).toMatch(/warning/); // the adapter's --limit validity warning is shown
  });
});
