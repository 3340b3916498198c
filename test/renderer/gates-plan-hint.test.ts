/** The console's gates table shows the planner's answer beside an underpowered gate (issue 16). */
import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { GatesTable } from '../../src/renderer/components/GatesTable';
import { evaluatePolicy } from '../../src/core/evaluate';
import { parsePolicyText } from '../../src/core/project';

describe('GatesTable', () => {
  it('an underpowered gate reads "pass (underpowered)" with the items it would need; a settled one has no hint', () => {
    const p = parsePolicyText('gates:\n  - {name: g, kind: regression, metric: acc, mode: significance, tolerance: 0.05}\n', 'greenlight.yaml');
    if (!p.ok) throw new Error('policy');
    const m = (x: number, n: number) => ({ name: 'acc', value: x / n, n, successes: x, scale: 1, higherIsBetter: true });
    const small = evaluatePolicy(p.value, undefined, [m(17, 25)], { baseline: { metrics: [m(17, 25)] } });
    const large = evaluatePolicy(p.value, undefined, [m(7000, 10000)], { baseline: { metrics: [m(7000, 10000)] } });
    if (!small.ok || !large.ok) throw new Error('tier');
    const html = renderToStaticMarkup(createElement(GatesTable, { gates: small.value.gates }));
    expect(html).toContain('underpowered');
    expect(html).toMatch(/Planner: to fail a true 10-point drop with 80% power .* you need about \d+ items per side/);
    expect(renderToStaticMarkup(createElement(GatesTable, { gates: large.value.gates }))).not.toContain('Planner:');
  });
});
