/**
 * Gates judged together through the real evaluatePolicy: Holm's step-down for blocking
 * significance gates, no correction for noninferiority, q-values for advisory gates, and
 * cluster_by on a regression gate.
 */
import { describe, expect, it } from 'vitest';
import { evaluatePolicy } from '../../../src/core/evaluate';
import { parsePolicyText } from '../../../src/core/project';
import type { Metric } from '../../../src/core/metric';

const rate = (name: string, x: number, n: number): Metric => ({ name, value: x / n, n, successes: x, scale: 1, higherIsBetter: true });

function policy(yaml: string) {
  const p = parsePolicyText(yaml, 'greenlight.yaml');
  if (!p.ok) throw new Error(JSON.stringify(p.problems));
  return p.value;
}

const sigGates = (names: string[], extra = '') =>
  `gates:\n${names.map((n) => `  - {name: ${n}, kind: regression, metric: ${n}, mode: significance, tolerance: 0, alpha: 0.05${extra}}`).join('\n')}\n`;

describe('family: holm (the default)', () => {
  // 700/1000 → 655/1000: Newcombe's 95% interval of the drop is about [0.004, 0.086], so a lone
  // gate at alpha 0.05 fails; at Holm's first level 0.05/3 the interval reaches below 0.
  const borderline = { b: rate('m', 700, 1000), c: rate('m', 655, 1000) };
  const names = ['a', 'b', 'c'];
  const metricsFor = (drops: Record<string, [number, number]>) => ({
    baseline: names.map((n) => rate(n, drops[n]![0], 1000)),
    candidate: names.map((n) => rate(n, drops[n]![1], 1000)),
  });

  it('a drop that fails a lone gate passes when it is one of three and the others show nothing', () => {
    const lone = evaluatePolicy(policy(sigGates(['m'])), undefined, [borderline.c], { baseline: { metrics: [borderline.b] } });
    if (!lone.ok) throw new Error('tier');
    expect(lone.value.gates[0]!.status).toBe('fail');
    expect(lone.value.gates[0]!.evidence.alpha_adjusted).toBe(0.05);

    const m = metricsFor({ a: [700, 655], b: [700, 700], c: [700, 702] });
    const r = evaluatePolicy(policy(sigGates(names)), undefined, m.candidate, { baseline: { metrics: m.baseline } });
    if (!r.ok) throw new Error('tier');
    const a = r.value.gates[0]!;
    expect(a.status).toBe('pass');
    expect(a.evidence.alpha_adjusted).toBeCloseTo(0.05 / 3, 12);
    expect(a.note).toContain("Holm's step-down over 3 blocking significance gates");
    expect(r.value.decision).toBe('ACCEPT');
  });

  it('a clear drop is rejected at the first step and the next gate is judged at alpha/(m−1)', () => {
    const m = metricsFor({ a: [700, 500], b: [700, 652], c: [700, 700] });
    const r = evaluatePolicy(policy(sigGates(names)), undefined, m.candidate, { baseline: { metrics: m.baseline } });
    if (!r.ok) throw new Error('tier');
    const [a, b, c] = r.value.gates as [typeof r.value.gates[0], typeof r.value.gates[0], typeof r.value.gates[0]];
    expect(a.status).toBe('fail');
    expect(a.evidence.alpha_adjusted).toBeCloseTo(0.05 / 3, 12);
    // b is then asked at 0.025: its interval at 97.5% still clears 0 → fails.
    expect(b.evidence.alpha_adjusted).toBeCloseTo(0.025, 12);
    expect(b.status).toBe('fail');
    expect(c.evidence.alpha_adjusted).toBeCloseTo(0.05, 12);
    expect(c.status).toBe('pass');
    expect(r.value.decision).toBe('REGRESSION');
  });

  it('family: none judges each gate alone and says what that costs', () => {
    const m = metricsFor({ a: [700, 655], b: [700, 700], c: [700, 702] });
    const r = evaluatePolicy(policy(`family: none\n${sigGates(names)}`), undefined, m.candidate, { baseline: { metrics: m.baseline } });
    if (!r.ok) throw new Error('tier');
    expect(r.value.gates[0]!.status).toBe('fail');
    expect(r.value.gates[0]!.evidence.alpha_adjusted).toBe(0.05);
    expect(r.value.gates[0]!.note).toContain('family: none');
  });

  it('a family value that is neither holm nor none is refused with its path', () => {
    const p = parsePolicyText(`family: bonferroni\n${sigGates(['a'])}`, 'greenlight.yaml');
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.problems[0]!.path).toBe('family');
  });

  it('noninferiority gates are not corrected, and say why', () => {
    const yaml = `gates:\n${names.map((n) => `  - {name: ${n}, kind: regression, metric: ${n}, mode: noninferiority, tolerance: 0.1}`).join('\n')}\n`;
    const m = metricsFor({ a: [700, 700], b: [700, 700], c: [700, 700] });
    const r = evaluatePolicy(policy(yaml), undefined, m.candidate, { baseline: { metrics: m.baseline } });
    if (!r.ok) throw new Error('tier');
    for (const g of r.value.gates) {
      expect(g.evidence.alpha_adjusted).toBe(0.05);
      expect(g.note).toContain('intersection–union');
    }
  });
});

describe('a gate over several metrics: each metric compared is one member of the family', () => {
  // One gate comparing a, b, c is three tests that can each fail it: the same borderline drop of a
  // (700 → 655 of 1000) that fails a lone one-metric gate passes once a is one of three comparisons.
  const base = ['a', 'b', 'c'].map((n) => rate(n, 700, 1000));
  const cand = [rate('a', 655, 1000), rate('b', 700, 1000), rate('c', 702, 1000)];
  const gate = (name: string, metrics: string) => `  - {name: ${name}, kind: regression, metrics: [${metrics}], mode: significance, tolerance: 0, alpha: 0.05}`;

  it('a three-metric gate is three members: a is judged at 0.05/3 and the gate passes', () => {
    const r = evaluatePolicy(policy(`gates:\n${gate('g', 'a, b, c')}\n`), undefined, cand, { baseline: { metrics: base } });
    if (!r.ok) throw new Error('tier');
    const g = r.value.gates[0]!;
    expect(g.status).toBe('pass');
    expect(g.evidence.family).toMatchObject({ method: 'holm', members: 3, gates: 1 });
    const levels = g.evidence.alpha_adjusted_by_metric as Record<string, number>;
    expect(levels.a).toBeCloseTo(0.05 / 3, 12);
    expect(levels.b).toBeCloseTo(0.05 / 3, 12);
    expect(g.evidence.alpha_adjusted).toBeCloseTo(0.05 / 3, 12);
    expect(g.note).toContain("Holm's step-down over 3 metric comparisons in 1 blocking significance gate (each metric a gate compares is one test that can fail it)");
    // The per-metric row of a was judged at its own level: its note says 98.3% confidence.
    expect((g.evidence.per_task as Record<string, { status: string }>).a!.status).toBe('pass');
  });

  it('the same drop in a one-metric gate, judged alone, fails (the comparison above is not vacuous)', () => {
    const r = evaluatePolicy(policy(`gates:\n${gate('g', 'a')}\n`), undefined, [cand[0]!], { baseline: { metrics: [base[0]!] } });
    if (!r.ok) throw new Error('tier');
    expect(r.value.gates[0]!.status).toBe('fail');
    expect(r.value.gates[0]!.evidence.alpha_adjusted).toBe(0.05);
  });

  it('a two-metric gate and a one-metric gate are three members; a clear drop is rejected first and frees the level of the rest', () => {
    const c2 = [rate('a', 500, 1000), rate('b', 652, 1000), rate('c', 700, 1000)];
    const r = evaluatePolicy(policy(`gates:\n${gate('ab', 'a, b')}\n${gate('cc', 'c')}\n`), undefined, c2, { baseline: { metrics: base } });
    if (!r.ok) throw new Error('tier');
    const [ab, cc] = r.value.gates as [(typeof r.value.gates)[0], (typeof r.value.gates)[0]];
    const levels = ab.evidence.alpha_adjusted_by_metric as Record<string, number>;
    expect(levels.a).toBeCloseTo(0.05 / 3, 12);
    expect(levels.b).toBeCloseTo(0.025, 12);
    expect(ab.status).toBe('fail');
    expect(cc.evidence.alpha_adjusted).toBeCloseTo(0.05, 12);
    expect(cc.evidence.family).toMatchObject({ members: 3, gates: 2 });
    expect(cc.status).toBe('pass');
  });
});

describe('advisory gates', () => {
  it('carry a Benjamini–Hochberg q-value and never block', () => {
    const yaml = sigGates(['a', 'b'], ', advisory: true');
    const r = evaluatePolicy(
      policy(`${yaml}  - {name: floor, metric: a, direction: min, thresholds: {base: 0.1, first_sft: 0.1, future: 0.1}}\n`),
      undefined,
      [rate('a', 500, 1000), rate('b', 690, 1000)],
      { baseline: { metrics: [rate('a', 700, 1000), rate('b', 700, 1000)] } },
    );
    if (!r.ok) throw new Error('tier');
    const a = r.value.gates[0]!;
    expect(a.status).toBe('fail');
    expect(a.evidence.advisory).toBe(true);
    expect(a.evidence.q_value as number).toBeLessThan(1e-4);
    expect(a.note).toContain('advisory (never blocks)');
    const b = r.value.gates[1]!;
    expect(b.evidence.q_value as number).toBeGreaterThan(0.5);
    expect(r.value.decision).toBe('ACCEPT');
  });
});

describe('cluster_by on a regression gate', () => {
  // 40 passages of 10 questions; the candidate loses whole passages: 4 passages fully lost,
  // 2 fully gained. Item by item it looks like 40 lost vs 20 gained of 400; by passage it is 6 moves.
  const ids = Array.from({ length: 400 }, (_, i) => `q${i}`);
  const passage = Object.fromEntries(ids.map((id, i) => [id, `p${Math.floor(i / 10)}`]));
  const b: Record<string, number> = {};
  const c: Record<string, number> = {};
  ids.forEach((id, i) => {
    const p = Math.floor(i / 10);
    b[id] = p % 3 === 0 ? 0 : 1;
    c[id] = p < 12 && p % 3 !== 0 ? 0 : p >= 30 && p % 3 === 0 ? 1 : b[id]!;
  });
  const side = (items: Record<string, number>): Metric => {
    const x = Object.values(items).reduce((s, v) => s + v, 0);
    return { name: 'acc', value: x / 400, n: 400, successes: x, scale: 1, higherIsBetter: true, items, itemFields: { passage_id: passage } };
  };

  it('widens the interval by the design effect and says so in the note', () => {
    const gate = (extra: string) => `gates:\n  - {name: g, kind: regression, metric: acc, mode: significance, tolerance: 0.02${extra}}\n`;
    const naive = evaluatePolicy(policy(gate('')), undefined, [side(c)], { baseline: { metrics: [side(b)] } });
    const clustered = evaluatePolicy(policy(gate(', cluster_by: passage_id')), undefined, [side(c)], { baseline: { metrics: [side(b)] } });
    if (!naive.ok || !clustered.ok) throw new Error('tier');
    const ni = naive.value.gates[0]!.evidence.drop_interval as [number, number];
    const ci = clustered.value.gates[0]!.evidence.drop_interval as [number, number];
    expect(ci[1] - ci[0]).toBeGreaterThan(2 * (ni[1] - ni[0]));
    expect(naive.value.gates[0]!.status).toBe('fail');
    expect(clustered.value.gates[0]!.status).toBe('pass');
    expect(clustered.value.gates[0]!.note).toMatch(/400 items in 40 passage_id clusters, design effect \d+\.\d\d/);
  });

  it('a field the items do not carry is a missing input that names the fields they do carry', () => {
    const r = evaluatePolicy(policy('gates:\n  - {name: g, kind: regression, metric: acc, mode: significance, tolerance: 0.02, cluster_by: conversation}\n'), undefined, [side(c)], {
      baseline: { metrics: [side(b)] },
    });
    if (!r.ok) throw new Error('tier');
    const g = r.value.gates[0]!;
    expect(g.status).toBe('fail');
    expect(g.failure_class).toBe('MISSING_INPUT');
    expect(g.note).toContain('400 of 400 items carry no conversation');
    expect(g.note).toContain('item fields present: passage_id');
  });
});

describe('cluster_by on a threshold gate', () => {
  it('keeps the verdict and gives the clustered interval and design effect', () => {
    const items: Record<string, number> = {};
    const passage: Record<string, string> = {};
    for (let i = 0; i < 100; i++) {
      items[`q${i}`] = Math.floor(i / 10) % 2 === 0 ? 1 : i % 10 < 4 ? 1 : 0; // whole passages pass together
      passage[`q${i}`] = `p${Math.floor(i / 10)}`;
    }
    const x = Object.values(items).reduce((s, v) => s + v, 0);
    const m: Metric = { name: 'acc', value: x / 100, n: 100, successes: x, scale: 1, higherIsBetter: true, items, itemFields: { passage_id: passage } };
    const r = evaluatePolicy(policy('gates:\n  - {name: floor, metric: acc, direction: min, thresholds: {base: 0.5, first_sft: 0.5, future: 0.5}, cluster_by: passage_id}\n'), undefined, [m]);
    if (!r.ok) throw new Error('tier');
    const g = r.value.gates[0]!;
    expect(g.status).toBe('pass');
    expect(g.note).toMatch(/clustered by passage_id: 95% interval \[[\d.]+, [\d.]+\], 100 items in 10 clusters, design effect \d+\.\d\d/);
    expect(g.evidence.design_effect as number).toBeGreaterThan(2);
  });
});
