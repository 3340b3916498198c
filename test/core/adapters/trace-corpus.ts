/**
 * The randomised corpus of trace files shared by the byte scanners' equality tests
 * (labelled-traces-scan.test.ts for the JS scanner, labelled-traces-wasm.test.ts for the
 * WebAssembly one), and the parsing path they are both held to.
 */
import fc from 'fast-check';
import { newTally, tallyTraceValue, type TraceTally } from '../../../src/core/adapters/labelled-traces';

const SPACE = [' ', '\t', '\n', '\r', '  ', ''];
export const plain = (t: TraceTally) => ({ ...t, reasons: [...t.reasons] });

/** JSON text with random whitespace between tokens and, when `escape`, random \u escapes in strings. */
export function write(v: unknown, rnd: () => number, escape: boolean): string {
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

export const reason = fc.oneof(fc.constantFrom('gate_verify_pass', 'escalation', 'loop_detected', 'off_site', 'é-ünïcode ✓', '😀 emoji', 'quote " and \\ slash', '\uFEFF starts with a BOM', ''), fc.string({ maxLength: 6 }));
export const labelValue = fc.oneof(fc.constantFrom('ok', 'escalate', 'escalation'), fc.constant(null), fc.integer(), fc.boolean(), fc.jsonValue({ maxDepth: 2 }), fc.string({ maxLength: 4 }));
export const junk = fc.jsonValue({ maxDepth: 3 });
export const step = fc.record(
  { step_index: fc.nat(), label: labelValue, label_reason: fc.oneof(reason, fc.constant(null), fc.integer()), action: junk, confidence: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { requiredKeys: [] },
);
export const trace = fc.record({ run_id: fc.string({ maxLength: 5 }), status: fc.constantFrom('done', 'failed'), label_summary: junk, steps: fc.array(fc.oneof({ weight: 9, arbitrary: step }, { weight: 1, arbitrary: junk }), { maxLength: 12 }) }, { requiredKeys: ['steps'] });
export const doc = fc.oneof({ weight: 8, arbitrary: trace }, { weight: 1, arbitrary: fc.array(trace, { maxLength: 3 }) }, { weight: 1, arbitrary: junk });

export function viaParse(text: string): { ok: true; tally: TraceTally } | { ok: false } {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text).toString('utf8'));
  } catch {
    return { ok: false };
  }
  const t = newTally();
  return tallyTraceValue(value, t) === null ? { ok: true, tally: t } : { ok: false };
}

export const DAMAGE = ['none', 'bom', 'truncate', 'flip', 'dupe-steps', 'dupe-label', 'trailing'] as const;

/** One corpus file: a document written with random spacing (and escapes), then damaged. */
export function corpusBytes(d: unknown, seed: number, escape: boolean, damage: (typeof DAMAGE)[number]): Buffer {
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
  return bytes;
}
