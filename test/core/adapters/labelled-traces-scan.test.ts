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
import { newTally, tallyTraceValue, type TraceTally } from '../../../src/core/adapters/labelled-traces';
import { scanTraceBytes } from '../../../src/core/adapters/labelled-traces-scan';

const SPACE = [' ', '\t', '\n', '\r', '  ', ''];
const plain = (t: TraceTally) => ({ ...t, reasons: [...t.reasons] });

/** JSON text with random whitespace between tokens and, when `escape`, random \u escapes in strings. */
function write(v: unknown, rnd: () => number, escape: boolean): string {
  const sp = (): string => (rnd() < 0.3 ? (SPACE[Math.floor(rnd() * SPACE.length)] as string) : '');
  const str = (s: string): string => {
    const j = JSON.stringify(s);
    if (!escape || rnd() < 0.5) return j;
    return '"' + [...s].map((ch) => (rnd() < 0.3 ? [...ch].map((u) => `\\u${u.charCodeAt(0).toString(16).padStart(4, '0')}`).join('') : JSON.stringify(ch).slice(1, -1))).join('') + '"';
  };
  const go = (x: unknown): string => {
    if (Array.isArray(x)) return `[${sp()}${x.map((e) => sp() + go(e) + sp()).join(',')}${sp()}]`;
    if (x !== null && typeof x === 'object') {
      const entries = (x as { __entries?: Array<[string, unknown]> }).__entries ?? Object.entries(x);
      return `{${sp()}${entries.map(([k, e]) => `${sp()}${str(k)}${sp()}:${sp()}${go(e)}${sp()}`).join(',')}${sp()}}`;
    }
    if (typeof x === 'string') return str(x);
    return JSON.stringify(x) ?? 'null';
  };
  return sp() + go(v) + sp();
}

const reason = fc.oneof(fc.constantFrom('gate_verify_pass', 'escalation', 'loop_detected', 'off_site', 'é-ünïcode ✓', '😀 emoji', 'quote " and \\ slash', ''), fc.string({ maxLength: 6 }));
const labelValue = fc.oneof(fc.constantFrom('ok', 'escalate', 'escalation'), fc.constant(null), fc.integer(), fc.boolean(), fc.jsonValue({ maxDepth: 2 }), fc.string({ maxLength: 4 }));
const junk = fc.jsonValue({ maxDepth: 3 });
const step = fc.record(
  { step_index: fc.nat(), label: labelValue, label_reason: fc.oneof(reason, fc.constant(null), fc.integer()), action: junk, confidence: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { requiredKeys: [] },
);
const trace = fc.record({ run_id: fc.string({ maxLength: 5 }), status: fc.constantFrom('done', 'failed'), label_summary: junk, steps: fc.array(fc.oneof({ weight: 9, arbitrary: step }, { weight: 1, arbitrary: junk }), { maxLength: 12 }) }, { requiredKeys: ['steps'] });
const doc = fc.oneof({ weight: 8, arbitrary: trace }, { weight: 1, arbitrary: fc.array(trace, { maxLength: 3 }) }, { weight: 1, arbitrary: junk });

function viaParse(text: string): { ok: true; tally: TraceTally } | { ok: false } {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text).toString('utf8'));
  } catch {
    return { ok: false };
  }
  const t = newTally();
  return tallyTraceValue(value, t) === null ? { ok: true, tally: t } : { ok: false };
}

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
      fc.property(doc, fc.integer(), fc.boolean(), fc.constantFrom('none', 'bom', 'truncate', 'flip', 'dupe-steps', 'dupe-label', 'trailing'), (d, seed, escape, damage) => {
        let s = seed >>> 0 || 1;
        const rnd = (): number => ((s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32);
        let text = write(d, rnd, escape);
        if (damage === 'bom') text = '\uFEFF' + text;
        if (damage === 'trailing') text += rnd() < 0.5 ? ',' : ' x';
        if (damage === 'dupe-steps') text = text.replace(/^(\s*\{)/, '$1"steps":[],');
        if (damage === 'dupe-label') text = text.replace(/"label"\s*:/, '"label":"escalation","label":');
        let bytes = Buffer.from(text);
        if (damage === 'truncate' && bytes.length > 1) bytes = bytes.subarray(0, Math.floor(rnd() * bytes.length));
        if (damage === 'flip' && bytes.length > 0) {
          bytes = Buffer.from(bytes);
          bytes[Math.floor(rnd() * bytes.length)] = Math.floor(rnd() * 256);
        }
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
  });

  it('declines what it does not recognise: a BOM, an escaped key, deep nesting, an array of traces', () => {
    for (const text of ['\uFEFF{"steps":[]}', '{"st\\u0065ps":[{"label":"ok"}]}', `{"steps":[],"x":${'['.repeat(5000)}${']'.repeat(5000)}}`, '[{"steps":[]}]', '{"label":"ok"}']) {
      expect(scanTraceBytes(Buffer.from(text), newTally()), text.slice(0, 40)).toBe(false);
      check(Buffer.from(text));
    }
  });
});
