import { describe, expect, it } from 'vitest';
import { BUILTIN_POLICY, parsePolicyText } from '../../../src/core/project';
import { formatProblem } from '../../../src/core/errors';

const SPEC_EXAMPLE = `
project: email-triage
agent: {name: Email Triage}
version: {from: package.json}
scorecard: [hub/agents/email/npm/SCORECARD.md]
releases:
  tag_pattern: agent-pkg-email-v{version}
  watch: [src/agents/email/]
evals:
  - name: benchmark
    command: [gaia, eval, benchmark, --output-dir, "{run_dir}"]
aggregate:
  name: weighted_accuracy
  components: [{metric: category_accuracy, weight: 1}]
tiers: [base, first_sft, future]
default_tier: first_sft
gates:
  - name: task_pass_rate
    metric: task_pass_rate
    direction: min
    thresholds: {base: 0.40, first_sft: 0.55, future: 0.75}
  - name: no_regression
    kind: regression
    metric: category_accuracy
    mode: significance
    tolerance: 0.05
    alpha: 0.05
    required: true
  - name: run_complete
    kind: run-validity
    required: true
publish:
  git: {push: origin}
`;

describe('policy schema', () => {
  it('accepts the SPEC §2.3 example, keeps the other sections, defaults kinds', () => {
    const r = parsePolicyText(SPEC_EXAMPLE, 'greenlight.yaml');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.gates.map((g) => g.kind)).toEqual(['threshold', 'regression', 'run-validity']);
    expect(r.value.project).toBe('email-triage');
    expect(r.value.default_tier).toBe('first_sft');
  });
  it('reports problems with the file, the line and a path that names the gate', () => {
    const r = parsePolicyText('gates:\n  - name: a\n    direction: up\n    thresholds: {base: high}\n  - name: b\n    kind: regression\n    mode: vibes\n', 'greenlight.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const lines = r.problems.map(formatProblem);
    expect(lines).toContain('greenlight.yaml:3: gates[a].direction: expected min or max');
    expect(lines.some((l) => l.startsWith('greenlight.yaml:4: gates[a].thresholds.base: expected a threshold'))).toBe(true);
    expect(lines.some((l) => l.startsWith('greenlight.yaml:7: gates[b].mode: expected mode strict'))).toBe(true);
  });
  it('rejects thresholds for unknown tiers, an unknown default tier and duplicate gate names', () => {
    const r = parsePolicyText('default_tier: prod\ngates:\n  - {name: a, direction: min, thresholds: {prod_only: 1}}\n  - {name: a, kind: run-validity}\n');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const paths = r.problems.map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['default_tier', 'gates[0].thresholds.prod_only', 'gates[1].name']));
  });
  it('says which line broken YAML is on', () => {
    const r = parsePolicyText('gates: [\n  {name: a\n', 'p.yaml');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(formatProblem(r.problems[0]!)).toMatch(/^p\.yaml:3: not valid YAML: /);
  });
  it('the built-in policy is SPEC §2.3’s table', () => {
    expect(BUILTIN_POLICY.tiers).toEqual(['base', 'first_sft', 'future']);
    expect(BUILTIN_POLICY.default_tier).toBe('first_sft');
    const cost = BUILTIN_POLICY.gates.find((g) => g.name === 'cost_per_success_usd_max');
    expect(cost).toMatchObject({ kind: 'threshold', direction: 'max', metric: 'cost_per_success_usd', thresholds: { base: 0.5, first_sft: 0.3, future: 0.15 } });
    expect(BUILTIN_POLICY.gates).toHaveLength(9);
  });
});
