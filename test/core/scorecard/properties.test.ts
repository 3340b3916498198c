/** Random and mutated YAML, markdown and JSON at every parser and the validator: no throw escapes. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { carryForward, parseScorecard, payloadFromCard, renderScorecard, validateScorecard } from '../../../src/core/scorecard';
import { scorecardGate } from '../../../src/core/scorecard/gate';
import type { Problem } from '../../../src/core/errors';
import { FIXTURES } from '../../helpers/cli';

const SEED = readFileSync(join(FIXTURES, 'gaia/SCORECARD.email-0.2.5.md'), 'utf8');

function isProblemList(ps: unknown): ps is Problem[] {
  return Array.isArray(ps) && ps.length > 0 && ps.every((p) => typeof p === 'object' && p !== null && typeof (p as Problem).message === 'string' && typeof (p as Problem).path === 'string');
}

/** Parse then validate; the outcome is either a valid card or a non-empty problem list. */
function readAndValidate(text: string): 'valid' | Problem[] {
  const r = parseScorecard(text, 'S.md');
  if (!r.ok) {
    expect(isProblemList(r.problems)).toBe(true);
    return r.problems;
  }
  const ps = validateScorecard(r.value.data, 'S.md');
  expect(Array.isArray(ps)).toBe(true);
  if (ps.length) expect(isProblemList(ps)).toBe(true);
  return ps.length ? ps : 'valid';
}

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.string(), fc.constantFrom(': ', '- ', '\n', '  ', '.nan', '.inf', '---\n', '[', '{', '"', '&a ', '*a', '!!binary ', '? ', '\t', 'true', 'null')) }),
  fc.record({ kind: fc.constant('replace-value' as const), line: fc.nat(), value: fc.constantFrom('.nan', '.inf', '-.inf', 'true', '"x"', '[]', '{}', 'null', '~', '1e400', '0x1F', '2026-01-01', 'yes') }),
);

type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(text: string, ms: Mutation[]): string {
  let t = text;
  for (const m of ms) {
    if (m.kind === 'delete') {
      const at = m.at % (t.length + 1);
      t = t.slice(0, at) + t.slice(at + m.len);
    } else if (m.kind === 'insert') {
      const at = m.at % (t.length + 1);
      t = t.slice(0, at) + m.text + t.slice(at);
    } else {
      const lines = t.split('\n');
      const i = m.line % lines.length;
      lines[i] = (lines[i] ?? '').replace(/:\s.*$/, `: ${m.value}`);
      t = lines.join('\n');
    }
  }
  return t;
}

describe('property: the scorecard parser and validator never throw', () => {
  it('mutated seed cards give a valid card or a problem list', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 6 }), (ms) => {
        readAndValidate(mutate(SEED, ms));
      }),
      { numRuns: 600 },
    );
  });

  it('random text, random YAML-ish front matter and random JSON values', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.json().map((j) => `---\n${j}\n---\n`), fc.string().map((s) => `---\n${s}\n---\nbody`)), (text) => {
        readAndValidate(text);
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const ps = validateScorecard(value);
        expect(isProblemList(ps)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('replacing any front-matter section with anything gives problems, never a crash', () => {
    const card = parseScorecard(SEED);
    if (!card.ok) throw new Error('seed card');
    fc.assert(
      fc.property(fc.constantFrom('agent', 'recipe', 'results', 'aggregate', 'schema_version', 'gates', 'baseline', 'provenance'), fc.anything(), (key, value) => {
        const d = { ...card.value.data, [key]: value };
        const ps = validateScorecard(d);
        expect(Array.isArray(ps)).toBe(true);
        const g = scorecardGate({ candidate: ps.length ? { ok: false, problems: ps, source: 'c' } : { ok: true, card: d as never, source: 'c' }, baseline: { firstRelease: true } });
        expect(typeof g.passed).toBe('boolean');
      }),
      { numRuns: 400 },
    );
  });

  it('renderScorecard and carryForward take anything and return a result', () => {
    fc.assert(
      fc.property(fc.anything(), fc.string(), (value, version) => {
        const r = renderScorecard(value);
        expect(typeof r.ok).toBe('boolean');
        const c = carryForward({ data: (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>, body: '' }, version);
        expect(typeof c.ok).toBe('boolean');
      }),
      { numRuns: 400 },
    );
  });
});

const metricArb = fc.record({
  name: fc.stringMatching(/^[a-z][a-z_]{0,12}$/),
  value: fc.double({ min: 0, max: 1, noNaN: true }),
  weight: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
});

const payloadArb = fc
  .record({
    name: fc.string({ minLength: 1 }).filter((s) => s.trim().length > 0),
    version: fc.tuple(fc.nat(20), fc.nat(20), fc.nat(20)).map((v) => v.join('.')),
    metrics: fc.uniqueArray(metricArb, { minLength: 1, maxLength: 4, selector: (m) => m.name }),
    size: fc.nat(10_000),
    run: fc.nat(10_000),
    extra: fc.dictionary(fc.stringMatching(/^x_[a-z]{1,8}$/), fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null))),
    config: fc.dictionary(fc.stringMatching(/^[a-z]{1,8}$/), fc.oneof(fc.string(), fc.integer(), fc.boolean())),
  })
  .map((r) => ({
    agent: { name: r.name, version: r.version },
    recipe: { dataset: { reference: 'ref', size: r.size }, methodology: 'm', config: r.config },
    results: { test_cases_run: r.run, metrics: r.metrics.map((m) => (m.weight === undefined ? { name: m.name, value: m.value } : m)), ...r.extra },
    ...r.extra,
  }));

describe('property: rendered cards', () => {
  it('validate, keep unknown keys, and survive parse → render → parse with the same data and bytes', () => {
    fc.assert(
      fc.property(payloadArb, (p) => {
        const r = renderScorecard(p, { generatedAt: '2026-01-01T00:00:00Z' });
        if (!r.ok) throw new Error(JSON.stringify(r.problems));
        const parsed = parseScorecard(r.value);
        if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
        expect(validateScorecard(parsed.value.data)).toEqual([]);
        for (const k of Object.keys(p)) expect(parsed.value.data).toHaveProperty([k]);
        const again = renderScorecard(payloadFromCard(parsed.value));
        if (!again.ok) throw new Error(JSON.stringify(again.problems));
        expect(again.value).toBe(r.value);
      }),
      { numRuns: 300 },
    );
  });
});
