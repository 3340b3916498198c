/**
 * Hostile values in every adapter field a gate reads, through the real adapter and the real
 * gates (issue 10, point 5): a proportion outside [0, 1], a negative or fractional count, a
 * negative cost or size, NaN, ±Infinity (what JSON's 1e400 parses to), strings, null, {} and [].
 * Each gate below would pass the value at face value (thresholds at ±1e9, a tolerance of 1), so
 * the only thing standing between a hostile value and a pass is the range check. The contract:
 * zero silent passes — the adapter refuses the file naming the field, or every gate that reads
 * the value is not `pass`, and an anomaly names the file and the field.
 */
import { describe, expect, it } from 'vitest';
import { JSON_ADAPTERS } from '../../../src/core/adapters';
import type { ArtefactKind } from '../../../src/core/artefact';
import { evaluatePolicy } from '../../../src/core/evaluate';
import { GatesPolicySchema } from '../../../src/core/project/gates';
import { BUILTIN_POLICY } from '../../../src/core/project/builtin-policy';
import type { GateResult } from '../../../src/core/gates/types';

const FILE = 'hostile.json';
type Kind = 'proportion' | 'count' | 'cost' | 'size' | 'score' | 'finite';

const HOSTILE: Record<Kind, unknown[]> = {
  proportion: [-5, 7, 1.0001, -0.0001, NaN, Infinity, -Infinity, '0.5', null, {}, [], true],
  count: [-3, 2.5, NaN, Infinity, '10', null, {}, [], true],
  cost: [-0.5, NaN, Infinity, '0.1', null, {}, []],
  size: [-1, NaN, Infinity, '1000', null, {}],
  score: [NaN, Infinity, -Infinity, '42', null, {}, [], -5],
  /** A run summary's task score has no known scale: only "a finite number" is asked of it. */
  finite: [NaN, Infinity, -Infinity, '42', null, {}, []],
};

interface Field {
  kind: ArtefactKind;
  /** Path of the field, as in the file. */
  path: string;
  value: Kind;
  /** The metrics the field feeds (threshold gates read them); or the validity gate that reads the document. */
  metrics?: string[];
  document?: 'run-summary' | 'ptq-summary';
  /** The field as a note names it (default: the path). */
  named?: RegExp;
  doc: () => Record<string, unknown>;
}

const evalReport = () => ({ task_count: 4, pass_count: 3, pass_rate: 0.75, results: [0, 1, 2, 3].map((i) => ({ task_id: `t${i}`, passed: i < 3, outcome: { cost: 0.01 } })) });
const shadow = () => ({ variants: { candidate: { run_count: 10, step_count: 200, escalation_count: 4, escalation_rate: 0.02, failure_count: 2, failure_rate: 0.01 } } });
const lmEval = () => ({ results: { arc: { 'acc,none': 0.6, 'acc_stderr,none': 0.02 } }, higher_is_better: { arc: { acc: true } }, 'n-samples': { arc: { effective: 500, original: 500 } } });
const inspect = () => ({ status: 'success', eval: { task: 'arc' }, results: { total_samples: 50, completed_samples: 50, scores: [{ name: 'match', metrics: { accuracy: { name: 'accuracy', value: 0.6 } } }] } });
const metricsFile = () => ({ metrics: [{ name: 'acc', value: 0.6, n: 100, successes: 60, scale: 1 }] });
const gaia = () => ({ summary: { total_scenarios: 2, passed: 1, pass_rate: 0.5 }, scenarios: [{ scenario_id: 'a', status: 'PASS' }, { scenario_id: 'b', status: 'FAIL' }] });
const taskScores = () => ({ scores: { gpqa: 0.4, mmlu: 0.7 } });
const ptq = () => ({ source_bytes: 1000, output_bytes: 400, recipe: 'nvfp4', layer_precision_counts: { NVFP4: 10, unexpected_unquantized: 0, declaration_mismatch: 0 }, metadata_diffs: [] });
const runSummary = () => ({ tasks: { gpqa: { status: 'SUCCESS', expected_samples: 10, scored_samples: 10, score: 0.5, errors: [] } } });

const FIELDS: Field[] = [
  { kind: 'eval-report', path: 'pass_rate', value: 'proportion', metrics: ['task_pass_rate'], doc: evalReport },
  { kind: 'eval-report', path: 'results.1.outcome.cost', value: 'cost', metrics: ['cost_per_success_usd'], doc: evalReport },
  { kind: 'shadow-summary', path: 'variants.candidate.escalation_rate', value: 'proportion', metrics: ['escalation_rate'], doc: shadow },
  { kind: 'shadow-summary', path: 'variants.candidate.failure_rate', value: 'proportion', metrics: ['failure_rate'], doc: shadow },
  { kind: 'shadow-summary', path: 'variants.candidate.step_count', value: 'count', metrics: ['escalation_rate', 'failure_rate'], doc: shadow },
  { kind: 'shadow-summary', path: 'variants.candidate.escalation_count', value: 'count', metrics: ['escalation_rate'], doc: shadow },
  { kind: 'shadow-summary', path: 'variants.candidate.failure_count', value: 'count', metrics: ['failure_rate'], doc: shadow },
  { kind: 'shadow-summary', path: 'variants.candidate.run_count', value: 'count', metrics: ['escalation_rate'], doc: shadow },
  { kind: 'lm-eval', path: 'results.arc.acc,none', value: 'proportion', metrics: ['arc/acc'], named: /results\.arc\["acc,none"\]/, doc: lmEval },
  { kind: 'lm-eval', path: 'n-samples.arc.effective', value: 'count', metrics: ['arc/acc'], doc: lmEval },
  { kind: 'lm-eval', path: 'n-samples.arc.original', value: 'count', metrics: ['arc/acc'], doc: lmEval },
  { kind: 'inspect-log', path: 'results.scores.0.metrics.accuracy.value', value: 'proportion', metrics: ['match/accuracy'], doc: inspect },
  { kind: 'inspect-log', path: 'results.completed_samples', value: 'count', metrics: ['match/accuracy'], doc: inspect },
  { kind: 'inspect-log', path: 'results.total_samples', value: 'count', metrics: ['match/accuracy'], doc: inspect },
  { kind: 'metrics', path: 'metrics.0.value', value: 'proportion', metrics: ['acc'], doc: metricsFile },
  { kind: 'metrics', path: 'metrics.0.n', value: 'count', metrics: ['acc'], doc: metricsFile },
  { kind: 'metrics', path: 'metrics.0.successes', value: 'count', metrics: ['acc'], doc: metricsFile },
  { kind: 'gaia-benchmark', path: 'summary.pass_rate', value: 'proportion', metrics: ['pass_rate'], doc: gaia },
  { kind: 'gaia-benchmark', path: 'summary.total_scenarios', value: 'count', metrics: ['pass_rate'], doc: gaia },
  { kind: 'gaia-benchmark', path: 'summary.passed', value: 'count', metrics: ['pass_rate'], doc: gaia },
  { kind: 'task-scores', path: 'scores.gpqa', value: 'score', metrics: ['gpqa'], doc: taskScores },
  { kind: 'eval-report', path: 'results.0.outcome.cost', value: 'cost', metrics: ['cost_per_success_usd'], doc: evalReport },
  { kind: 'ptq-summary', path: 'source_bytes', value: 'size', document: 'ptq-summary', metrics: ['size_ratio'], doc: ptq },
  { kind: 'ptq-summary', path: 'output_bytes', value: 'size', document: 'ptq-summary', metrics: ['size_ratio'], doc: ptq },
  { kind: 'ptq-summary', path: 'layer_precision_counts.NVFP4', value: 'count', document: 'ptq-summary', doc: ptq },
  { kind: 'ptq-summary', path: 'layer_precision_counts.unexpected_unquantized', value: 'count', document: 'ptq-summary', doc: ptq },
  { kind: 'ptq-summary', path: 'layer_precision_counts.declaration_mismatch', value: 'count', document: 'ptq-summary', doc: ptq },
  { kind: 'run-summary', path: 'tasks.gpqa.expected_samples', value: 'count', document: 'run-summary', doc: runSummary },
  { kind: 'run-summary', path: 'tasks.gpqa.scored_samples', value: 'count', document: 'run-summary', doc: runSummary },
  { kind: 'run-summary', path: 'tasks.gpqa.score', value: 'finite', document: 'run-summary', doc: runSummary },
];

function setPath(doc: Record<string, unknown>, path: string, v: unknown): void {
  // Keys may hold commas ("acc,none") but not dots; numeric segments index arrays.
  const parts = path.split('.');
  let o = doc as Record<string, unknown>;
  for (const p of parts.slice(0, -1)) o = o[p] as Record<string, unknown>;
  o[parts[parts.length - 1] as string] = v;
}

/** Gates that pass any finite number at face value: only the range check can stop a hostile one. */
function lenientPolicy(metrics: readonly string[]) {
  return GatesPolicySchema.parse({
    tiers: ['t'],
    gates: [
      ...metrics.flatMap((m) => [
        { name: `${m}:min`, kind: 'threshold', metric: m, direction: 'min', thresholds: { t: -1e9 } },
        { name: `${m}:max`, kind: 'threshold', metric: m, direction: 'max', thresholds: { t: 1e9 } },
      ]),
      ...metrics.map((m) => ({ name: `${m}:regression`, kind: 'regression', metric: m, mode: 'tolerance', tolerance: 1e9, implausible_gain: 1e9 })),
      { name: 'run', kind: 'run-validity' },
      { name: 'checkpoint', kind: 'checkpoint-validity' },
    ],
  });
}

interface Outcome {
  label: string;
  verdict: 'refused' | 'not passed' | 'SILENT PASS';
  why: string;
}

function judge(f: Field, v: unknown): Outcome {
  const label = `${f.kind} ${f.path} = ${typeof v === 'number' || typeof v === 'boolean' || v === null ? String(v) : JSON.stringify(v)}`;
  const adapter = JSON_ADAPTERS[f.kind]!;
  const clean = adapter(f.doc(), { file: FILE });
  if (!clean.ok) throw new Error(`${f.kind}: the clean document must load (${JSON.stringify(clean.problems)})`);
  const doc = f.doc();
  setPath(doc, f.path, v);
  const r = adapter(doc, { file: FILE });
  if (!r.ok) {
    // Refused: one clear problem that names the file (exit 2 in the CLI).
    const named = r.problems.every((p) => p.file === FILE);
    return { label, verdict: named ? 'refused' : 'SILENT PASS', why: r.problems.map((p) => `${p.path}: ${p.message}`).join('; ') };
  }
  const metrics = f.metrics ?? [];
  const documents = f.document ? { [f.document]: r.value.document } : {};
  const baseline = { metrics: clean.value.metrics };
  const reading: GateResult[] = [];
  for (const policy of [lenientPolicy(metrics), BUILTIN_POLICY]) {
    const rep = evaluatePolicy(policy, policy.tiers[0], r.value.metrics, { documents, baseline });
    if (!rep.ok) throw new Error('evaluation refused');
    rep.value.gates.forEach((g, i) => {
      const cfg = policy.gates[i];
      const metric = cfg?.kind === 'threshold' ? (cfg.metric ?? cfg.name) : cfg?.kind === 'regression' ? cfg.metric : undefined;
      const reads = (metric !== undefined && metrics.includes(metric)) || (f.document === 'run-summary' && g.kind === 'run-validity') || (f.document === 'ptq-summary' && g.kind === 'checkpoint-validity');
      if (reads) reading.push(g);
    });
  }
  const passed = reading.filter((g) => g.status === 'pass');
  if (reading.length === 0) return { label, verdict: 'SILENT PASS', why: 'no gate read the value (the metric vanished)' };
  const silentSkip = reading.filter((g) => g.status === 'skipped');
  if (passed.length || silentSkip.length) return { label, verdict: 'SILENT PASS', why: [...passed, ...silentSkip].map((g) => `${g.name} ${g.status}: ${g.note}`).join('; ') };
  return { label, verdict: 'not passed', why: reading.map((g) => `${g.name} ${g.status}: ${g.note}`).join('; ') };
}

const CASES = FIELDS.flatMap((f) => HOSTILE[f.value].map((v) => [f, v] as const));

describe('hostile values in every field a gate reads', () => {
  it(`${CASES.length} inputs across ${new Set(FIELDS.map((f) => f.kind)).size} adapters: zero silent passes`, () => {
    const outcomes = CASES.map(([f, v]) => judge(f, v));
    const silent = outcomes.filter((o) => o.verdict === 'SILENT PASS');
    expect(silent.map((o) => `${o.label}: ${o.why}`)).toEqual([]);
    expect(CASES.length).toBeGreaterThanOrEqual(150);
  });

  it('an anomaly names the file and the field', () => {
    const missing: string[] = [];
    for (const [f, v] of CASES) {
      const doc = f.doc();
      setPath(doc, f.path, v);
      const r = JSON_ADAPTERS[f.kind]!(doc, { file: FILE });
      if (!r.ok || !f.metrics) continue;
      const rep = evaluatePolicy(lenientPolicy(f.metrics), 't', r.value.metrics, {});
      if (!rep.ok) continue;
      for (const g of rep.value.gates.filter((x) => x.status === 'anomalous' && x.kind === 'threshold')) {
        const field = f.named ?? new RegExp(f.path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
        if (!g.note.includes(FILE) || !(field.test(g.note) || /\//.test(g.note))) missing.push(`${f.kind} ${f.path}=${String(v)}: ${g.note}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('check checkpoint: unexpected_unquantized null or declaration_mismatch −3 is ANOMALOUS, not ACCEPT', () => {
    for (const [k, v] of [['unexpected_unquantized', null], ['declaration_mismatch', -3]] as const) {
      const doc = ptq();
      (doc.layer_precision_counts as Record<string, unknown>)[k] = v;
      const rep = evaluatePolicy(lenientPolicy([]), 't', [], { documents: { 'ptq-summary': doc } });
      expect(rep.ok && rep.value.decision).toBe('ANOMALOUS');
    }
  });

  it('a null cost is not left out of the cost sum', () => {
    const doc = evalReport();
    (doc.results[1] as { outcome: { cost: unknown } }).outcome.cost = null;
    const r = JSON_ADAPTERS['eval-report']!(doc, { file: FILE });
    const cost = r.ok ? r.value.metrics.find((m) => m.name === 'cost_per_success_usd') : undefined;
    expect(cost?.value).toBeNull();
    expect(cost?.invalid).toMatch(/results\.1\.outcome\.cost/);
  });
});
