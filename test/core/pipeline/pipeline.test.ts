/** The pipeline's pure rules (issue 17): schema, graph, matrix, Slurm states and outputs, chain decision. */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { formatProblem } from '../../../src/core/errors';
import { parsePipeline } from '../../../src/core/project/pipeline';
import { stageOrder } from '../../../src/core/pipeline/dag';
import { expandGates, expandMatrix } from '../../../src/core/pipeline/matrix';
import { parseSacct, parseSqueue, verdictOf } from '../../../src/core/pipeline/slurm';
import { chainVerdict, jobsVerdict } from '../../../src/core/pipeline/chain';

const ISSUE_SHAPE = `
executor: {kind: local}
pipeline:
  stages:
    - name: quantize
      command: [python, -m, quantize, --recipe, nvfp4, --out, "{run_dir}"]
      artefacts: [{kind: ptq-summary, path: "{run_dir}/validation-summary.json"}]
      gates: [{name: checkpoint_ok, kind: checkpoint-validity, required: true}]
    - name: eval
      needs: [quantize]
      matrix: {task: [mmlu, gsm8k]}
      executor: {kind: slurm, partition: gpu, gres: "gpu:1", time: "2:00:00"}
      retries: 2
      command: [lm_eval, --tasks, "{task}", --output_path, "{run_dir}/{task}"]
      artefacts: [{kind: lm-eval, path: "{run_dir}/{task}"}]
      gates: [{name: no_regression, kind: regression, metric: "{task}/acc", mode: noninferiority, tolerance: 0.02}]
`;

function load(yaml: string) {
  const r = parsePipeline(parse(yaml), [], 'greenlight.yaml');
  if (!r.ok) return { problems: r.problems.map((p) => formatProblem(p)) };
  const order = stageOrder(r.value?.stages ?? [], 'greenlight.yaml');
  return order.ok ? { pipeline: r.value, order: order.value.map((s) => s.name) } : { problems: order.problems.map((p) => formatProblem(p)) };
}

describe('pipeline section', () => {
  it("reads the issue's shape: stages in order, a stage's executor overriding the project's", () => {
    const r = load(ISSUE_SHAPE);
    expect(r.problems).toBeUndefined();
    expect(r.order).toEqual(['quantize', 'eval']);
    const [q, e] = r.pipeline!.stages;
    expect(q!.executor).toEqual({ kind: 'local' });
    expect(e!.executor).toMatchObject({ kind: 'slurm', partition: 'gpu', gres: 'gpu:1', time: '2:00:00', extra: [] });
    expect(e!.retries).toBe(2);
    expect(e!.matrix).toEqual([['task', ['mmlu', 'gsm8k']]]);
  });

  it('an unknown need is one line naming the stage and the missing name', () => {
    const r = load(ISSUE_SHAPE.replace('needs: [quantize]', 'needs: [quantise]'));
    expect(r.problems).toEqual(['greenlight.yaml: pipeline.stages.1.needs.0: stage "eval" needs "quantise", which is not a stage (stages: quantize, eval)']);
  });

  it('a cycle is one line naming its stages', () => {
    const yaml = `pipeline:\n  stages:\n    - {name: a, command: [x], needs: [c]}\n    - {name: b, command: [x], needs: [a]}\n    - {name: c, command: [x], needs: [b]}\n    - {name: d, command: [x]}\n`;
    const r = load(yaml);
    expect(r.problems).toHaveLength(1);
    expect(r.problems![0]).toMatch(/pipeline\.stages\.\d\.needs: stages form a cycle: (a → c → b → a|b → a → c → b|c → b → a → c)/);
  });

  it('refuses an unknown placeholder, a stage with both command and eval, and control characters in Slurm options', () => {
    const bad = `pipeline:\n  stages:\n    - {name: a, command: [run, "{model}"]}\n    - {name: b, command: [x], eval: e}\n`;
    expect(load(bad).problems).toEqual([
      expect.stringContaining('pipeline.stages.0.command.1: unknown placeholder {model}'),
      'greenlight.yaml: pipeline.stages.1: expected exactly one of command or eval',
    ]);
    const injected = `pipeline:\n  stages:\n    - {name: c, command: [x], executor: {kind: slurm, partition: "gpu\\n#SBATCH --uid=0"}}\n`;
    expect(load(injected).problems).toEqual(['greenlight.yaml: pipeline.stages.0.executor.partition: expected a partition on one line, without control characters']);
  });

  it('a matrix expands to every combination, last key fastest; gates with a matrix placeholder become one gate per value', () => {
    const jobs = expandMatrix([['model', ['a', 'b']], ['task', ['mmlu', 'gsm8k']]]);
    expect(jobs).toEqual([{ model: 'a', task: 'mmlu' }, { model: 'a', task: 'gsm8k' }, { model: 'b', task: 'mmlu' }, { model: 'b', task: 'gsm8k' }]);
    const gates = expandGates([{ name: 'no_regression', kind: 'regression', metric: '{task}/acc' } as never, { name: 'ok', kind: 'run-validity', required: false }], jobs);
    expect(gates.map((g) => [g.name, 'metric' in g ? g.metric : null])).toEqual([
      ['no_regression[task=mmlu]', 'mmlu/acc'],
      ['no_regression[task=gsm8k]', 'gsm8k/acc'],
      ['ok', null],
    ]);
  });
});

describe('Slurm states', () => {
  it('maps every end state exactly as the issue says', () => {
    expect(verdictOf('COMPLETED', 0).status).toBe('succeeded');
    expect(verdictOf('COMPLETED', 3)).toMatchObject({ status: 'failed', note: 'the job exited with code 3' });
    expect(verdictOf('FAILED', 1)).toMatchObject({ status: 'failed', note: expect.stringContaining('FAILED') });
    expect(verdictOf('OUT_OF_MEMORY', 0)).toMatchObject({ status: 'failed', note: expect.stringContaining('OUT_OF_MEMORY') });
    for (const s of ['TIMEOUT', 'PREEMPTED', 'NODE_FAIL']) expect(verdictOf(s, null)).toMatchObject({ status: 'transient', failureClass: 'INFRA_TRANSIENT' });
    expect(verdictOf('CANCELLED by 0', null).status).toBe('cancelled');
    expect(verdictOf('PENDING', null).status).toBe('queued');
    expect(verdictOf('RUNNING', null).status).toBe('running');
  });

  it("reads squeue -h -r -o '%i|%T|%N|%r' as the test cluster printed it", () => {
    // Captured from Debian bookworm's slurm-wlm 22.05 on the test cluster.
    const text = '1|COMPLETED|vm|vm\n2_0|RUNNING|vm|None\n2_1|PENDING||(Resources)\n';
    expect(parseSqueue(text)).toEqual([
      { id: '1', state: 'COMPLETED', node: 'vm', exitCode: null, reason: 'vm' },
      { id: '2_0', state: 'RUNNING', node: 'vm', exitCode: null, reason: 'None' },
      { id: '2_1', state: 'PENDING', node: null, exitCode: null, reason: '(Resources)' },
    ]);
  });

  it('reads sacct -P -n -X output: code:signal exit codes, steps ignored, "CANCELLED by N"', () => {
    const text = '4242_0|COMPLETED|0:0|gpu01\n4242_1|FAILED|2:0|gpu02\n4242_1.batch|FAILED|2:0|gpu02\n4243|CANCELLED by 1000|0:15|None assigned\n';
    expect(parseSacct(text)).toEqual([
      { id: '4242_0', state: 'COMPLETED', node: 'gpu01', exitCode: 0, reason: null },
      { id: '4242_1', state: 'FAILED', node: 'gpu02', exitCode: 2, reason: null },
      { id: '4243', state: 'CANCELLED by 1000', node: null, exitCode: 0, reason: null },
    ]);
  });
});

describe('chain decision', () => {
  const passed = { status: 'passed' as const, decision: 'ACCEPT' as const, failureClass: null, notes: [] };
  const gate = { status: 'pass' } as never;
  it('the first stage that does not pass decides, with its failure class', () => {
    const v = chainVerdict([
      { name: 'quantize', verdict: { status: 'failed', decision: 'INFEASIBLE', failureClass: 'QUANT_COVERAGE_FAILURE', notes: [] }, gates: [] },
      { name: 'eval', verdict: { status: 'skipped', decision: null, failureClass: null, notes: [] }, gates: [] },
    ]);
    expect(v).toEqual({ decision: 'INFEASIBLE', failureClass: 'QUANT_COVERAGE_FAILURE', decidedBy: 'quantize', status: 'failed' });
  });
  it('all passed with evidence → ACCEPT; nothing judged → INCONCLUSIVE, never ACCEPT', () => {
    expect(chainVerdict([{ name: 'a', verdict: passed, gates: [gate] }]).decision).toBe('ACCEPT');
    expect(chainVerdict([{ name: 'a', verdict: { ...passed, decision: null }, gates: [] }])).toMatchObject({ decision: 'INCONCLUSIVE', failureClass: 'MISSING_INPUT' });
  });
  it('a job out of retries after TIMEOUT is INFRA_TRANSIENT, not a regression', () => {
    const v = jobsVerdict([{ status: 'succeeded', failureClass: null, note: null }, { status: 'transient', failureClass: 'INFRA_TRANSIENT', note: 'TIMEOUT' }]);
    expect(v).toMatchObject({ status: 'failed', decision: 'INCONCLUSIVE', failureClass: 'INFRA_TRANSIENT' });
  });
});
