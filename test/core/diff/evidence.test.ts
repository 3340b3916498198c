/** Diffs that read real histories right: category intervals from the cards' counts, stale sides named, item flips. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCard } from '../../../src/core/releases';
import { diffSides, itemFlips, sideFromCard } from '../../../src/core/diff';
import { FIXTURES } from '../../helpers/cli';

const CARD = readFileSync(join(FIXTURES, 'gaia', 'SCORECARD.email-0.2.5.md'), 'utf8');

describe('category deltas on GAIA’s real card', () => {
  it('carry a Newcombe interval from each category’s total and correct counts', () => {
    const a = readCard(CARD, 'a');
    // The same card with fyi at 30/41 instead of 20/41.
    const b = readCard(CARD.replace(/(category: fyi\n\s+total: 41\n\s+correct: )20(\n\s+accuracy: )0\.4878/, '$130$20.7317'), 'b');
    if (!a.ok || !b.ok) throw new Error('card');
    const d = diffSides(sideFromCard(a.value, 'a'), sideFromCard(b.value, 'b'));
    const fyi = d.categories.find((c) => c.category === 'fyi')!;
    expect(fyi.method).toBe('newcombe');
    expect(fyi.delta).toBeCloseTo(0.7317 - 0.4878, 4);
    expect(fyi.interval!.lo).toBeGreaterThan(0);
    expect(fyi.verdict).toBe('improved');
    expect(d.categories.find((c) => c.category === 'urgent')).toMatchObject({ method: 'newcombe', verdict: 'no clear change' });
  });

  it('a side’s warning (a stale card) reaches the diff', () => {
    const a = readCard(CARD, 'a');
    if (!a.ok) throw new Error('card');
    const d = diffSides({ ...sideFromCard(a.value, 'v0.2.6'), warnings: ['card version 0.2.5 ≠ release 0.2.6'] }, sideFromCard(a.value, 'cand'));
    expect(d.warnings).toContain('baseline v0.2.6: card version 0.2.5 ≠ release 0.2.6');
  });
});

describe('item flips', () => {
  it('pairs shared ids only, and is null when none is shared', () => {
    const b = new Map([['a', true], ['b', true], ['c', false], ['d', false], ['x', true]]);
    const c = new Map([['a', true], ['b', false], ['c', true], ['d', false], ['y', false]]);
    expect(itemFlips(b, c)).toEqual({ paired: 4, both_pass: 1, both_fail: 1, flipped_to_fail: ['b'], flipped_to_pass: ['c'], baseline_only: 1, candidate_only: 1 });
    expect(itemFlips(new Map([['x', true]]), new Map([['y', true]]))).toBeNull();
  });
});
