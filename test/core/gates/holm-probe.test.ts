/**
 * Holm's family judges a blocking significance gate at alpha/m without judging it at its own
 * alpha first, where a probe over the gate's tasks says it would be a decided member there
 * (issue 14). The cases where that shortcut could go wrong, each built to happen and checked
 * byte for byte against the engine before the change (./reference): membership that depends on
 * alpha through the implausible-gain interval, metrics that survive alpha/m and fail at
 * alpha/(m − 1), m = 1, tied metrics, and NaN, missing and odd counts beside clean ones.
 */
import { describe, expect, it } from 'vitest';
import { evaluatePolicy, type EvaluationInputs } from '../../../src/core/evaluate';
import { GatesPolicySchema } from '../../../src/core/project';
import type { Metric } from '../../../src/core/metric';
import { newcombeDifference } from '../../../src/core/stats';
import { evaluatePolicy as evaluatePolicyBefore } from './reference/evaluate';

const N = 200;
const counts = (name: string, x: number, n = N): Metric => ({ name, value: x / n, n, successes: x, scale: 1, higherIsBetter: true });

type Gate = { name: string; metrics: string[]; tolerance?: number; alpha?: number; implausible_gain?: number; extra?: Record<string, unknown> };
function judge(gates: Gate[], baseline: Metric[], candidate: Metric[], inputs: Partial<EvaluationInputs> = {}, family?: string) {
  const policy = GatesPolicySchema.parse({
    ...(family ? { family } : {}),
    gates: gates.map((g) => ({ kind: 'regression', mode: 'significance', tolerance: g.tolerance ?? 0, alpha: g.alpha ?? 0.05, ...(g.implausible_gain !== undefined ? { implausible_gain: g.implausible_gain } : {}), ...g.extra, name: g.name, metrics: g.metrics })),
  });
  const given: EvaluationInputs = { baseline: { metrics: baseline, ...(inputs.baseline ?? {}) }, ...(inputs.candidateContext ? { candidateContext: inputs.candidateContext } : {}) };
  const after = evaluatePolicy(policy, undefined, candidate, given);
  expect(JSON.stringify(after)).toBe(JSON.stringify(evaluatePolicyBefore(policy, undefined, candidate, given)));
  if (!after.ok) throw new Error('policy');
  return after.value.gates;
}

/** The gain's lower bound (baseline x of N against candidate y of N) at level a. */
const gainLow = (x: number, y: number, a: number): number => -newcombeDifference(x, N, y, N, a).hi;
/** The drop's lower bound at level a. */
const dropLow = (x: number, y: number, a: number): number => newcombeDifference(x, N, y, N, a).lo;

/** The first candidate count above x whose gain is implausible (lower bound > ig) at `a` but not at `b` < a. */
function gainImplausibleOnlyAt(x: number, ig: number, a: number, b: number): number {
  for (let y = x + 1; y <= N; y++) if (gainLow(x, y, a) > ig + 1e-9 && !(gainLow(x, y, b) > ig + 1e-9)) return y;
  throw new Error('no such count');
}

/** Counts [baseline, candidate] whose drop fails (lower bound > 0) at level `a` but not at `b` < a. */
function dropShownOnlyAt(a: number, b: number): [number, number] {
  for (let x = 150; x < N; x++) for (let y = x - 1; y >= 0; y--) if (dropLow(x, y, a) > 1e-9 && !(dropLow(x, y, b) > 1e-9)) return [x, y];
  throw new Error('no such count');
}

const clean = (prefix: string, k: number): [Metric[], Metric[]] => [Array.from({ length: k }, (_, i) => counts(`${prefix}${i}`, 120 + i)), Array.from({ length: k }, (_, i) => counts(`${prefix}${i}`, 119 + i))];
const names = (ms: Metric[]) => ms.map((m) => m.name);

describe('Holm without a first evaluation at alpha: same output as the engine before', () => {
  it('a gain implausible at the gate’s alpha but not at alpha/m keeps the gate out of the family (anomalous at its own alpha)', () => {
    const [b1, c1] = clean('a', 8);
    const [b2, c2] = clean('b', 5);
    // m would be 8 + 6 = 14 with the second gate; its gain is implausible at 0.05 only.
    const y = gainImplausibleOnlyAt(120, 0.05, 0.05, 0.05 / 14);
    b2.push(counts('gain', 120));
    c2.push(counts('gain', y));
    const gates = judge([{ name: 'first', metrics: names(b1) }, { name: 'second', metrics: names(b2) }], [...b1, ...b2], [...c1, ...c2]);
    expect(gates[1]?.status).toBe('anomalous');
    expect(gates[1]?.note).toContain('implausible');
    // The family is the first gate's 8 metrics alone.
    expect(gates[0]?.evidence.family).toMatchObject({ method: 'holm', members: 8 });
    expect(gates[0]?.evidence.alpha_adjusted).toBe(0.05 / 8);
  });

  it('a gain that is implausible at no level leaves the gate a member (its lower bound below implausible_gain)', () => {
    const [b1, c1] = clean('a', 4);
    b1.push(counts('gain', 120));
    c1.push(counts('gain', 128));
    const gates = judge([{ name: 'g', metrics: names(b1) }, { name: 'h', metrics: ['a0', 'a1'] }], b1, c1);
    expect(gates[0]?.evidence.family).toMatchObject({ method: 'holm', members: 7 });
  });

  it('a metric that survives alpha/m and fails at alpha/(m − 1): a second step, two levels in one gate', () => {
    const m = 6;
    const [b, c] = clean('t', m - 2);
    const [x, y] = dropShownOnlyAt(0.05 / (m - 1), 0.05 / m);
    b.push(counts('clear', 150), counts('later', x));
    c.push(counts('clear', 60), counts('later', y));
    const gates = judge([{ name: 'g', metrics: names(b) }], b, c);
    const levels = gates[0]?.evidence.alpha_adjusted_by_metric as Record<string, number>;
    expect(levels.clear).toBe(0.05 / m);
    expect(levels.later).toBe(0.05 / (m - 1));
    expect(levels.t0).toBe(0.05 / (m - 2));
    expect(gates[0]?.status).toBe('fail');
    expect(gates[0]?.note).toMatch(/later/);
  });

  it('the same across two gates (the later step re-judges only the gate with metrics left) and with family: none', () => {
    const [b1, c1] = clean('a', 3);
    b1.push(counts('clear', 150));
    c1.push(counts('clear', 60));
    const [b2, c2] = clean('b', 2);
    const [x, y] = dropShownOnlyAt(0.05 / 6, 0.05 / 7);
    b2.push(counts('later', x));
    c2.push(counts('later', y));
    for (const family of ['holm', 'none']) {
      const gates = judge([{ name: 'g1', metrics: names(b1) }, { name: 'g2', metrics: names(b2) }], [...b1, ...b2], [...c1, ...c2], {}, family);
      if (family === 'holm') {
        expect((gates[0]?.evidence.alpha_adjusted_by_metric as Record<string, number>).clear).toBe(0.05 / 7);
        expect((gates[1]?.evidence.alpha_adjusted_by_metric as Record<string, number>).later).toBe(0.05 / 6);
        expect(gates[1]?.status).toBe('fail');
      } else expect(gates[1]?.evidence.alpha_adjusted).toBe(0.05);
    }
  });

  it('m = 1: one gate, one metric, judged at its own alpha (with and without a gain to check)', () => {
    const y = gainImplausibleOnlyAt(120, 0.05, 0.2, 0.05);
    for (const [x, z] of [[120, 110], [120, y], [120, 120]] as const) {
      const gates = judge([{ name: 'g', metrics: ['t'], alpha: 0.2 }], [counts('t', x)], [counts('t', z)]);
      if (z === y) expect(gates[0]?.status).toBe('anomalous');
      else expect(gates[0]?.evidence.alpha_adjusted).toBe(0.2);
    }
  });

  it('tied metrics (the same counts everywhere) are rejected together or not at all', () => {
    for (const y of [150, 140, 135, 130, 100]) {
      const b = Array.from({ length: 7 }, (_, i) => counts(`t${i}`, 150));
      const c = Array.from({ length: 7 }, (_, i) => counts(`t${i}`, y));
      const gates = judge([{ name: 'g', metrics: names(b) }], b, c);
      expect(new Set(Object.values(gates[0]?.evidence.alpha_adjusted_by_metric as Record<string, number>)).size).toBe(1);
    }
  });

  it('NaN, missing and odd evidence beside clean metrics: not a member, judged at its own alpha', () => {
    const odd: Array<[Metric, Metric]> = [
      [{ name: 'x', value: null, invalid: 'NaN', higherIsBetter: true }, counts('x', 100)],
      [counts('x', 100), { name: 'x', value: 0.5, higherIsBetter: true }], // no counts on one side: no interval
      [{ ...counts('x', 100), successes: NaN }, counts('x', 100)],
      [{ ...counts('x', 100), n: Infinity }, counts('x', 100)],
      [{ ...counts('x', 100), successes: 250 }, counts('x', 90)], // more successes than n
      [{ ...counts('x', 100), n: 0 }, counts('x', 100)],
      [{ ...counts('x', 100), stderr: 0.03, successes: undefined }, { ...counts('x', 95), stderr: 0.03, successes: undefined }],
      [
        { ...counts('x', 3, 4), items: { q1: 1, q2: 1, q3: 1, q4: 0 } },
        { ...counts('x', 1, 4), items: { q1: 0, q2: 1, q3: 0, q4: 0 } },
      ],
      [{ ...counts('x', 100), value: 1.5 }, counts('x', 100)], // out of range
    ];
    for (const [bo, co] of odd) {
      const [b, c] = clean('t', 4);
      judge([{ name: 'g', metrics: [...names(b), 'x'] }, { name: 'h', metrics: ['t0', 't1'] }], [...b, bo], [...c, co]);
    }
  });

  it('not comparable (allowed or not), a tier without a tolerance and a missing metric: the probe decides nothing it cannot know', () => {
    const [b, c] = clean('t', 5);
    for (const allow of [true, false]) {
      judge([{ name: 'g', metrics: names(b), extra: { comparability: { keys: ['dataset_size'], allow } } }, { name: 'h', metrics: ['t0'] }], b, c, { baseline: { metrics: b, context: { dataset_size: 90 } }, candidateContext: { dataset_size: 100 } });
    }
    judge([{ name: 'g', metrics: names(b), extra: { tolerance: { base: 0.01 } } }, { name: 'h', metrics: ['t0', 't1'] }], b, c);
    judge([{ name: 'g', metrics: [...names(b), 'absent'] }, { name: 'h', metrics: ['t0', 't1'] }], b, c);
    judge([{ name: 'g', metrics: [...names(b), 't0'] }, { name: 'h', metrics: ['3', 't1'] }], [...b, counts('3', 100)], [...c, counts('3', 80)]);
  });
});
