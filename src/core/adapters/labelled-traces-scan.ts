/**
 * A byte scanner for one labelled-trace `.json` file (issue 14): it counts steps, labels and
 * label reasons straight from the bytes, building no objects, and validates the whole file as
 * JSON while it goes. It recognises only the common shape — one object, no duplicate keys,
 * a `steps` array of step objects, keys and the label values it reads without escapes — and
 * answers false for anything else (an array of traces, a BOM, an escape where it matters,
 * invalid JSON, deep nesting): the caller then resets the tally and takes the parsing path,
 * which gives the same counts or the error message. test/core/labelled-traces-scan.test.ts
 * proves the two equal on a randomised corpus.
 *
 * Self-contained on purpose, like `tallyTraceValue`: it is stringified into worker threads.
 * No imports, no module-level helpers (inner arrow functions are part of its source).
 */
import type { TraceTally } from './labelled-traces';

export function scanTraceBytes(b: Uint8Array, t: TraceTally): boolean {
  const n = b.length;
  let i = 0;
  let escaped = false;
  const ws = (): void => {
    while (i < n) {
      const c = b[i];
      if (c === 32 || c === 10 || c === 13 || c === 9) i++;
      else return;
    }
  };
  // At an opening quote: moves past the closing one; returns the content's end, or -1.
  const str = (): number => {
    i++;
    escaped = false;
    while (i < n) {
      const c = b[i] as number;
      if (c === 34) return i++;
      if (c === 92) {
        escaped = true;
        const e = b[i + 1];
        if (e === 117) {
          for (let k = 2; k < 6; k++) {
            const h = b[i + k] as number;
            if (!((h >= 48 && h <= 57) || (h >= 65 && h <= 70) || (h >= 97 && h <= 102))) return -1;
          }
          i += 6;
        } else if (e === 34 || e === 92 || e === 47 || e === 98 || e === 102 || e === 110 || e === 114 || e === 116) i += 2;
        else return -1;
        continue;
      }
      if (c < 32) return -1;
      i++;
    }
    return -1;
  };
  const digits = (): boolean => {
    const s = i;
    while (i < n && (b[i] as number) >= 48 && (b[i] as number) <= 57) i++;
    return i > s;
  };
  const num = (): boolean => {
    if (b[i] === 45) i++;
    if (b[i] === 48) i++;
    else if (!((b[i] as number) >= 49 && (b[i] as number) <= 57) || !digits()) return false;
    if (b[i] === 46) {
      i++;
      if (!digits()) return false;
    }
    if (b[i] === 101 || b[i] === 69) {
      i++;
      if (b[i] === 43 || b[i] === 45) i++;
      if (!digits()) return false;
    }
    return true;
  };
  const word = (w: string): boolean => {
    for (let k = 0; k < w.length; k++) if (b[i + k] !== w.charCodeAt(k)) return false;
    i += w.length;
    return true;
  };
  const value = (depth: number): boolean => {
    const c = b[i];
    if (c === 34) return str() >= 0;
    if (c === 123 || c === 91) {
      if (depth > 256) return false;
      const close = c === 123 ? 125 : 93;
      i++;
      ws();
      if (b[i] === close) {
        i++;
        return true;
      }
      for (;;) {
        ws();
        if (c === 123) {
          if (b[i] !== 34 || str() < 0) return false;
          ws();
          if (b[i] !== 58) return false;
          i++;
          ws();
        }
        if (!value(depth + 1)) return false;
        ws();
        if (b[i] === 44) {
          i++;
          continue;
        }
        if (b[i] === close) {
          i++;
          return true;
        }
        return false;
      }
    }
    if (c === 116) return word('true');
    if (c === 102) return word('false');
    if (c === 110) return word('null');
    return num();
  };
  const is = (s: number, e: number, w: string): boolean => {
    if (e - s !== w.length) return false;
    for (let k = 0; k < w.length; k++) if (b[s + k] !== w.charCodeAt(k)) return false;
    return true;
  };
  // Reason strings decoded once per distinct byte run (a trace repeats a handful of reasons).
  const seen: Array<{ bytes: Uint8Array; text: string }> = [];
  const reasonText = (s: number, e: number): string => {
    for (let k = 0; k < seen.length; k++) {
      const r = seen[k] as { bytes: Uint8Array; text: string };
      if (r.bytes.length !== e - s) continue;
      let same = true;
      for (let j = 0; j < r.bytes.length; j++) {
        if (r.bytes[j] !== b[s + j]) {
          same = false;
          break;
        }
      }
      if (same) return r.text;
    }
    const bytes = b.slice(s, e);
    // ignoreBOM: a reason that starts with U+FEFF keeps it, as JSON.parse keeps it.
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    if (seen.length < 32) seen.push({ bytes, text });
    return text;
  };

  try {
    ws();
    if (b[i] !== 123) return false;
    i++;
    let sawSteps = false;
    let steps = 0;
    let labelled = 0;
    let escalations = 0;
    const reasons = new Map<string, number>();
    ws();
    if (b[i] === 125) return false; // no steps: the parsing path says why
    for (;;) {
      ws();
      if (b[i] !== 34) return false;
      const ks = i + 1;
      const ke = str();
      if (ke < 0 || escaped) return false;
      ws();
      if (b[i] !== 58) return false;
      i++;
      ws();
      if (is(ks, ke, 'steps')) {
        if (sawSteps || b[i] !== 91) return false;
        sawSteps = true;
        i++;
        ws();
        if (b[i] === 93) i++;
        else {
          for (;;) {
            ws();
            if (b[i] !== 123) return false;
            i++;
            // One step: which of label / label_reason it has, and their values.
            let label = 0; // 0 absent or null, 1 present, 2 the string "escalation"
            let reasonS = -1;
            let reasonE = -1;
            let sawLabel = false;
            let sawReason = false;
            ws();
            if (b[i] === 125) i++;
            else {
              for (;;) {
                ws();
                if (b[i] !== 34) return false;
                const s = i + 1;
                const e = str();
                if (e < 0 || escaped) return false;
                ws();
                if (b[i] !== 58) return false;
                i++;
                ws();
                const isLabel = is(s, e, 'label');
                const isReason = !isLabel && is(s, e, 'label_reason');
                if (isLabel || isReason) {
                  if (isLabel ? sawLabel : sawReason) return false;
                  if (isLabel) sawLabel = true;
                  else sawReason = true;
                  const c = b[i];
                  if (c === 34) {
                    const vs = i + 1;
                    const ve = str();
                    if (ve < 0 || escaped) return false;
                    if (isLabel) label = is(vs, ve, 'escalation') ? 2 : 1;
                    else {
                      reasonS = vs;
                      reasonE = ve;
                    }
                  } else if (c === 110) {
                    if (!word('null')) return false;
                  } else {
                    if (!value(2)) return false;
                    if (isLabel) label = 1;
                  }
                } else if (!value(2)) return false;
                ws();
                if (b[i] === 44) {
                  i++;
                  continue;
                }
                if (b[i] === 125) {
                  i++;
                  break;
                }
                return false;
              }
            }
            steps++;
            if (label !== 0 || reasonS >= 0) labelled++;
            if (reasonS >= 0) {
              const r = reasonText(reasonS, reasonE);
              reasons.set(r, (reasons.get(r) ?? 0) + 1);
            }
            if (label === 2 || (reasonS >= 0 && is(reasonS, reasonE, 'escalation'))) escalations++;
            ws();
            if (b[i] === 44) {
              i++;
              continue;
            }
            if (b[i] === 93) {
              i++;
              break;
            }
            return false;
          }
        }
      } else if (!value(1)) return false;
      ws();
      if (b[i] === 44) {
        i++;
        continue;
      }
      if (b[i] === 125) {
        i++;
        break;
      }
      return false;
    }
    ws();
    if (i !== n || !sawSteps) return false;
    t.traces++;
    t.steps += steps;
    t.labelled += labelled;
    t.escalations += escalations;
    for (const [k, v] of reasons) t.reasons.set(k, (t.reasons.get(k) ?? 0) + v);
    return true;
  } catch {
    return false; // too deep for the stack, or anything unforeseen: parse instead
  }
}
