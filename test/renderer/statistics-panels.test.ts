/**
 * The Statistics tab's tables (issue 16), rendered from gates the core engine really judged:
 * each gate's alpha and family for `family: holm` and `family: none`, noninferiority without
 * correction, an advisory gate marked as never blocking; repeats with pass@k.
 */
import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { GateAlphaPanel } from '../../src/renderer/components/GateAlphaPanel';
import { RepeatsPanel } from '../../src/renderer/components/RepeatsPanel';
import { evaluatePolicy } from '../../src/core/evaluate';
import { parsePolicyText } from '../../src/core/project';
import { combineEpochs } from '../../src/core/epochs';
import type { Metric } from '../../src/core/metric';
import type { RunDetail } from '../../src/shared/schemas';

const m = (name: string, x: number, n: number): Metric => ({ name, value: x / n, n, successes: x, scale: 1, higherIsBetter: true });

function judged(family: 'holm' | 'none'): RunDetail {
  const p = parsePolicyText(
    `family: ${family}\ngates:\n` +
      '  - {name: a, kind: regression, metric: acc, mode: significance, tolerance: 0.05}\n' +
      '  - {name: b, kind: regression, metric: rate, mode: significance, tolerance: 0.05}\n' +
      '  - {name: c, kind: regression, metric: acc, mode: noninferiority, tolerance: 0.1}\n' +
      '  - {name: d, kind: regression, metric: rate, mode: significance, tolerance: 0.05, advisory: true}\n',
    'greenlight.yaml',
  );
  if (!p.ok) throw new Error(JSON.stringify(p.problems));
  const metrics = [m('acc', 700, 1000), m('rate', 690, 1000)];
  const r = evaluatePolicy(p.value, undefined, metrics, { baseline: { metrics: [m('acc', 700, 1000), m('rate', 700, 1000)] } });
  if (!r.ok) throw new Error('tier');
  return { gates: r.value.gates, metrics: [] } as unknown as RunDetail;
}

const row = (html: string, gate: string): string => {
  const i = html.indexOf(`<span class="gate-name">${gate}</span>`);
  return html.slice(i, html.indexOf('</tr>', i));
};

describe('How each gate was judged', () => {
  it('family: holm — the two blocking significance gates at alpha/2, noninferiority uncorrected, the advisory gate with its q-value', () => {
    const html = renderToStaticMarkup(createElement(GateAlphaPanel, { run: judged('holm') }));
    expect(row(html, 'a')).toContain('Holm over 2');
    expect(row(html, 'b')).toContain('Holm over 2');
    // Holm's step-down: neither gate fails at its first step, so both stay judged at alpha/2.
    expect([row(html, 'a'), row(html, 'b')].map((r) => /<td class="num">(0\.0\d+)<\/td>/.exec(r)?.[1])).toEqual(['0.025', '0.025']);
    expect(row(html, 'c')).toContain('<td class="num">0.05</td>');
    expect(row(html, 'c')).toContain('intersection–union');
    expect(row(html, 'd')).toContain('advisory · never blocks');
    expect(row(html, 'd')).toContain('Benjamini–Hochberg over 1');
    expect(row(html, 'd')).toMatch(/<td class="num">0\.\d+<\/td><\/?/);
    // (React escapes the apostrophe in static markup.)
    expect(html).toContain("Holm&#x27;s step-down over the 2 blocking significance gates keeps the chance that noise alone fails any of them at 0.05.");
    expect(html).toContain('noninferiority gates need no correction');
  });

  it('family: none — each gate at its own alpha, and the cost of that in words', () => {
    const html = renderToStaticMarkup(createElement(GateAlphaPanel, { run: judged('none') }));
    expect(row(html, 'a')).toContain('none (2 gates)');
    expect(row(html, 'a')).toContain('<td class="num">0.05</td>');
    expect(row(html, 'b')).toContain('<td class="num">0.05</td>');
    expect(html).toContain('each gate judged alone at its own alpha, so noise alone fails one of them more often than that');
  });

  it('a gate over two metrics is two comparisons of the family, each metric at its own level', () => {
    const p = parsePolicyText(
      'gates:\n  - {name: all, kind: regression, mode: significance, tolerance: 0.05}\n  - {name: one, kind: regression, metric: acc, mode: significance, tolerance: 0.05}\n',
      'greenlight.yaml',
    );
    if (!p.ok) throw new Error(JSON.stringify(p.problems));
    const r = evaluatePolicy(p.value, undefined, [m('acc', 700, 1000), m('rate', 690, 1000)], { baseline: { metrics: [m('acc', 700, 1000), m('rate', 700, 1000)] } });
    if (!r.ok) throw new Error('tier');
    const html = renderToStaticMarkup(createElement(GateAlphaPanel, { run: { gates: r.value.gates, metrics: [] } as unknown as RunDetail }));
    expect(row(html, 'all')).toContain('Holm over 3');
    expect(row(html, 'all')).toMatch(/acc 0\.0\d+ · rate 0\.0\d+/);
    expect(html).toContain('over the 3 comparisons of the 2 blocking significance gates');
  });

  it('a gate over many metrics (one per task) shows the range of their levels, not a list of every one', () => {
    const p = parsePolicyText('gates:\n  - {name: all, kind: regression, mode: significance, tolerance: 0.05}\n', 'greenlight.yaml');
    if (!p.ok) throw new Error(JSON.stringify(p.problems));
    const tasks = Array.from({ length: 400 }, (_, i) => `task_${i}`);
    const r = evaluatePolicy(p.value, undefined, tasks.map((t) => m(t, 700, 1000)), { baseline: { metrics: tasks.map((t) => m(t, 700, 1000)) } });
    if (!r.ok) throw new Error('tier');
    const html = renderToStaticMarkup(createElement(GateAlphaPanel, { run: { gates: r.value.gates, metrics: [] } as unknown as RunDetail }));
    expect(row(html, 'all')).toContain('Holm over 400');
    expect(row(html, 'all')).toContain('400 metrics, each at 0.000125');
    expect(row(html, 'all')).not.toContain('task_17');
  });

  it('a run whose gates are all thresholds has no such panel', () => {
    expect(renderToStaticMarkup(createElement(GateAlphaPanel, { run: { gates: [{ name: 't', kind: 'threshold', status: 'pass', evidence: { metric: 'acc' } }] } as unknown as RunDetail }))).toBe('');
  });
});

describe('Repeats', () => {
  it('three epochs of pass/fail items: each epoch, the spread, pass@3 and pass^3', () => {
    const epoch = (passing: number[]): Metric => {
      const items = Object.fromEntries([0, 1, 2, 3].map((i) => [`t${i}`, passing.includes(i) ? 1 : 0]));
      return { ...m('acc', passing.length, 4), items };
    };
    // t0 passes 3 times, t1 twice, t2 once, t3 never: pass@3 = 3/4, pass^3 = 1/4.
    const { metrics } = combineEpochs([[epoch([0, 1, 2])], [epoch([0, 1])], [epoch([0])]]);
    const html = renderToStaticMarkup(createElement(RepeatsPanel, { run: { metrics } as unknown as RunDetail }));
    expect(html).toContain('Repeats: 3 epochs');
    expect(html).toContain('0.75 · 0.5 · 0.25');
    expect(html).toContain('<th scope="col" class="num">pass@3</th>');
    expect(html).toMatch(/<td class="num">0\.25<\/td><td class="num">0\.75<\/td><td class="num">0\.25<\/td>/);
  });

  it('one epoch: says how to get repeats', () => {
    const html = renderToStaticMarkup(createElement(RepeatsPanel, { run: { metrics: [m('acc', 3, 4)] } as unknown as RunDetail }));
    expect(html).toContain('One epoch');
    expect(html).toContain('repeats: 3');
  });
});
