/**
 * The byte scanner counts exactly what JSON.parse + tallyTraceValue count, on a randomised
 * corpus of trace files: escapes (in keys, labels, reasons and elsewhere), nesting, unicode,
 * odd spacing, BOMs, duplicate keys, label values of every type, arrays of traces, and files
 * broken by truncation or a changed byte. Where it answers (true), the counts are equal and
 * the file is valid; where it declines, the parsing path decides. And it does answer for the
 * plain shape every labeller writes, or it would be no faster.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { newTally } from '../../../src/core/adapters/labelled-traces';
import { scanTraceBytes } from '../../../src/core/adapters/labelled-traces-scan';
import { DAMAGE, corpusBytes, doc, junk, plain, viaParse, write } from './trace-corpus';

function check(bytes: Buffer): boolean {
  const t = newTally();
  const answered = scanTraceBytes(bytes, t);
  const text = bytes.toString('utf8');
  const p = viaParse(text);
  if (answered) {
    expect(p.ok, `scanner accepted what the parser refuses: ${JSON.stringify(text.slice(0, 200))}`).toBe(true);
    if (p.ok) expect(plain(t), text.slice(0, 200)).toEqual(plain(p.tally));
  } else {
    expect(plain(t)).toEqual(plain(newTally())); // declined: the tally is untouched
  }
  return answered;
}

describe('labelled-traces byte scanner', () => {
  it('counts what the parsing path counts, or declines, on a randomised corpus', () => {
    let answered = 0;
    let total = 0;
    fc.assert(
      fc.property(doc, fc.integer(), fc.boolean(), fc.constantFrom(...DAMAGE), (d, seed, escape, damage) => {
        const bytes = corpusBytes(d, seed, escape, damage);
        total++;
        if (check(bytes)) answered++;
      }),
      { numRuns: 4000, seed: 14 },
    );
    // Damage, escapes and junk steps make most of this corpus a decline; some is answered.
    expect(answered).toBeGreaterThan(total / 50);
  });

  it('always answers an undamaged trace whose keys and label values need no escapes', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', '_', 'é', '✓', '😀', ' ', '-'), maxLength: 8 });
    const cleanStep = fc.record(
      { step_index: fc.nat(), label: fc.oneof(fc.constantFrom('ok', 'escalation'), word, fc.constant(null), fc.integer(), fc.jsonValue({ maxDepth: 2 }).filter((v) => typeof v !== 'string')), label_reason: fc.oneof(word, fc.constantFrom('escalation'), fc.constant(null)), action: junk },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.record({ run_id: word, steps: fc.array(cleanStep, { maxLength: 20 }), meta: junk }, { requiredKeys: ['steps'] }), fc.integer(), (d, seed) => {
        let s = seed >>> 0 || 1;
        const rnd = (): number => ((s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32);
        expect(check(Buffer.from(write(d, rnd, false)))).toBe(true);
      }),
      { numRuns: 1500, seed: 41 },
    );
  });

  it('answers the plain shape labellers write, with the same counts', () => {
    const steps = Array.from({ length: 100 }, (_, i) => ({ step_index: i, action: { type: 'click', x: i, text: i % 3 ? null : 'q "x"' }, label: i % 7 ? 'ok' : 'escalate', label_reason: ['gate_verify_pass', 'escalation', 'grounded_click'][i % 3], confidence: i / 100 }));
    const text = JSON.stringify({ run_id: 'run-1', status: 'done', label_summary: { labeller: 'mantis' }, steps });
    expect(check(Buffer.from(text))).toBe(true);
    expect(check(Buffer.from(JSON.stringify({ steps: [] }, null, 2)))).toBe(true);
    // TextDecoder drops a leading BOM unless told not to; JSON.parse keeps it in the string.
    expect(check(Buffer.from(JSON.stringify({ steps: [{ label_reason: '\uFEFFx' }, { label_reason: 'x' }] })))).toBe(true);
  });

  it('declines what it does not recognise: a BOM, an escaped key, deep nesting, an array of traces', () => {
    for (const text of ['\uFEFF{"steps":[]}', '{"st\\u0065ps":[{"label":"ok"}]}', `{"steps":[],"x":${'['.repeat(5000)}${']'.repeat(5000)}}`, '[{"steps":[]}]', '{"label":"ok"}']) {
      expect(scanTraceBytes(Buffer.from(text), newTally()), text.slice(0, 40)).toBe(false);
      check(Buffer.from(text));
    }
  });
});
