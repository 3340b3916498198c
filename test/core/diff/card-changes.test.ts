/**
 * The publish diff of SCORECARD.md (issue 15): metrics and gates aligned by name with
 * Δ = new − previous, and what the previous card had that this run cannot know either carried
 * over (a description of the same dataset) or listed as dropped with why (a seed, a hand-written
 * section, a description of another dataset).
 */
import { describe, expect, it } from 'vitest';
import { renderScorecard, splitFrontMatter } from '../../../src/core/scorecard';
import { readCard } from '../../../src/core/releases';
import { cardChanges, carriedKeys, withCarriedKeys, type CardSide } from '../../../src/core/diff/card-changes';
import { formatCardChanges } from '../../../src/core/diff/card-changes-text';

interface Spec {
  version: string;
  successes: number;
  cost: number;
  reference?: string;
  description?: string;
  seed?: number;
  gates?: Array<{ name: string; status: 'pass' | 'fail' }>;
}

function card(s: Spec): string {
  const r = renderScorecard(
    {
      schema_version: 1,
      agent: { name: 'Email Triage', version: s.version },
      recipe: {
        dataset: { reference: s.reference ?? 'data/emails.json', size: 220, ...(s.description ? { description: s.description } : {}) },
        methodology: 'greenlight run --eval benchmark',
        config: { eval: 'benchmark', ...(s.seed !== undefined ? { seed: s.seed } : {}) },
      },
      results: {
        test_cases_run: 220,
        metrics: [
          { name: 'category_accuracy', value: s.successes / 220, weight: 1, n: 220, successes: s.successes, higher_is_better: true, scale: 1 },
          { name: 'cost_per_success_usd', value: s.cost, n: s.successes, higher_is_better: false },
        ],
      },
      aggregate: { name: 'weighted_accuracy', components: [{ metric: 'category_accuracy', weight: 1 }] },
      ...(s.gates ? { gates: { tier: 'first_sft', decision: 'ACCEPT', results: s.gates } } : {}),
    },
    { generatedAt: '2026-01-01T00:00:00Z' },
  );
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
}

function side(text: string, label: string): CardSide {
  const f = readCard(text);
  if (!f.ok) throw new Error('unreadable');
  return { label, facts: f.value, body: splitFrontMatter(text)?.body ?? '' };
}

const PREVIOUS = card({ version: '0.2.0', successes: 194, cost: 0.0023, description: 'the bundled example corpus', seed: 7, gates: [{ name: 'category_accuracy', status: 'pass' }, { name: 'cost_max', status: 'pass' }] });
const LIMITS = `${PREVIOUS}\n## Known limitations\n\nSpam recall is weak on short emails.\n`;

describe('the card diff aligns by name', () => {
  it('each metric once, previous and new in one row, Δ = new − previous, worse or improved by direction', () => {
    const next = card({ version: '0.3.0', successes: 150, cost: 0.0056, gates: [{ name: 'category_accuracy', status: 'fail' }, { name: 'cost_max', status: 'pass' }] });
    const c = cardChanges(side(PREVIOUS, 'v0.2.0-tag'), side(next, 'v0.3.0'));
    expect(c.metrics.map((m) => m.name)).toEqual(['category_accuracy', 'cost_per_success_usd']);
    const acc = c.metrics[0]!;
    expect(acc).toMatchObject({ baseline: 194 / 220, candidate: 150 / 220, method: 'newcombe', verdict: 'worse' });
    expect(acc.delta).toBeCloseTo((150 - 194) / 220, 12);
    // A cost that rose is worse, not "changed": lower is better.
    const cost = c.metrics[1]!;
    expect(cost).toMatchObject({ higherIsBetter: false, verdict: 'worse (no interval)' });
    expect(cost.delta).toBeCloseTo(0.0033, 12);
    expect(c.aggregate).toMatchObject({ baseline: 88.18, candidate: 68.18 });
    expect(c.gates).toEqual([
      { name: 'category_accuracy', baseline: 'pass', candidate: 'fail', changed: true },
      { name: 'cost_max', baseline: 'pass', candidate: 'pass', changed: false },
    ]);
    const text = formatCardChanges(c).join('\n');
    // One row per metric, a true minus, `$` on the cost; no delete-and-add pair.
    expect(text).toMatch(/category_accuracy\s+0\.8818\s+0\.6818\s+−0\.2\s+\[−0\.\d+, −0\.\d+\]\s+worse/);
    expect(text).toMatch(/cost_per_success_usd \(lower is better\)\s+\$0\.0023\s+\$0\.0056\s+\+\$0\.0033\s+worse \(no interval\)/);
    expect(text).toContain('aggregate: 88.18/100 → 68.18/100 (Δ −20');
    expect(text).toMatch(/category_accuracy\s+pass\s+fail\s+changed/);
    expect(text).not.toMatch(/^\s*[-+] /m);
  });

  it('a description of the same dataset is carried over; the seed of another run and a hand-written section are dropped, each with why', () => {
    const draft = card({ version: '0.3.0', successes: 199, cost: 0.0022 });
    const c = cardChanges(side(LIMITS, 'v0.2.0'), side(draft, 'v0.3.0'));
    expect(c.carried).toEqual([{ what: 'recipe.dataset.description', value: 'the bundled example corpus', why: expect.stringContaining('same dataset') }]);
    expect(c.dropped).toEqual([
      { what: 'recipe.config.seed', value: '7', why: expect.stringContaining('seed of the run that made the previous card') },
      { what: 'section "Known limitations"', value: null, why: expect.stringContaining('not copied') },
    ]);
    expect(formatCardChanges(c)).toContain('dropped from the previous card: recipe.config.seed, section "Known limitations"');

    // Writing the carried key: in the front matter and in the Recipe table, nothing else changed.
    const keys = carriedKeys(side(LIMITS, 'v0.2.0').facts.front, side(draft, 'v0.3.0').facts.front);
    const written = withCarriedKeys(draft, keys);
    if (!written.ok) throw new Error(JSON.stringify(written.problems));
    expect(written.value).toContain('  dataset:\n    reference: data/emails.json\n    description: the bundled example corpus\n    size: 220\n');
    expect(written.value).toContain('| Description | the bundled example corpus |');
    expect(written.value).not.toContain('seed');
    expect(written.value.replace(/^.*(description|Description).*\n/gm, '')).toBe(draft);
    // Once carried, a second plan has nothing left to carry and still drops the seed.
    const again = cardChanges(side(LIMITS, 'v0.2.0'), side(written.value, 'v0.3.0'));
    expect(again.carried).toEqual([]);
    expect(again.dropped.map((k) => k.what)).toEqual(['recipe.config.seed', 'section "Known limitations"']);
  });

  it('a draft whose body is not the render of its front matter keeps its body; the carried key goes into the front matter only', () => {
    const draft = `${card({ version: '0.3.0', successes: 199, cost: 0.0022 })}\n## Notes from the team\n\nKept as written.\n`;
    const keys = carriedKeys(side(PREVIOUS, 'v0.2.0').facts.front, side(draft, 'v0.3.0').facts.front);
    const written = withCarriedKeys(draft, keys);
    if (!written.ok) throw new Error(JSON.stringify(written.problems));
    expect(written.value).toContain('## Notes from the team\n\nKept as written.\n');
    expect(splitFrontMatter(written.value)?.body).toBe(splitFrontMatter(draft)?.body);
    expect(side(written.value, 'v0.3.0').facts.front).toMatchObject({ recipe: { dataset: { description: 'the bundled example corpus' } } });
  });

  it('a description of another dataset is not carried: it is dropped, saying the dataset differs', () => {
    const draft = card({ version: '0.3.0', successes: 199, cost: 0.0022, reference: 'data/emails-v2.json' });
    const c = cardChanges(side(PREVIOUS, 'v0.2.0'), side(draft, 'v0.3.0'));
    expect(c.carried).toEqual([]);
    expect(c.dropped[0]).toEqual({ what: 'recipe.dataset.description', value: 'the bundled example corpus', why: expect.stringContaining('another (reference or size differ)') });
    expect(carriedKeys(side(PREVIOUS, 'v0.2.0').facts.front, side(draft, 'v0.3.0').facts.front)).toEqual([]);
  });

  it('sections the render writes from a run, and a previous override, are dropped with their own reason', () => {
    const prev = `${PREVIOUS}\n## Statistics\n\n- 3 epochs.\n\n## Noise floor (A/A)\n\n- \`acc\`: 3 of 100 items differ.\n\n## Override\n\nPublished over a **REGRESSION** decision.\n`;
    const c = cardChanges(side(prev, 'v0.2.0'), side(card({ version: '0.3.0', successes: 199, cost: 0.0022 }), 'v0.3.0'));
    expect(c.dropped.filter((k) => k.what.startsWith('section'))).toEqual([
      { what: 'section "Statistics"', value: null, why: 'written from the run that made the previous card; this run gives it nothing to say' },
      // The A/A section is the render's too (issue 16), not a hand-written one.
      { what: 'section "Noise floor (A/A)"', value: null, why: 'written from the run that made the previous card; this run gives it nothing to say' },
      { what: 'section "Override"', value: null, why: 'the previous release’s override; this card records its own decision' },
    ]);
  });

  it('a previous card with no gates is said once, not as every gate going from absent to pass', () => {
    const prev = card({ version: '0.2.0', successes: 194, cost: 0.0023 });
    const next = card({ version: '0.3.0', successes: 199, cost: 0.0022, gates: [{ name: 'a', status: 'pass' }, { name: 'b', status: 'pass' }] });
    const lines = formatCardChanges(cardChanges(side(prev, 'v0.2.0'), side(next, 'v0.3.0')));
    expect(lines).toContain('gates: v0.2.0 recorded no gates; 2 in this card');
    expect(lines.join('\n')).not.toContain('absent');
  });
});
