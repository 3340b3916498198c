// The labelled-trace byte scanner (src/core/adapters/labelled-traces-scan.ts) in WebAssembly:
// the same walk, token for token, so that it accepts and declines exactly the same files with
// the same counts; only string bodies and whitespace runs are skipped 16 bytes at a time.
//
// The caller writes a file at inputBase() and at least PAD zero bytes after it, then calls
// scan(n). The zeros stand in for the JS scanner's `undefined` past the end: no comparison in
// the walk matches a zero byte, a string stops at it (a control byte), and 16-byte loads at
// any position up to n stay in bounds. Label reasons are interned across files (bytes copied
// into `text`, ids stable until reset()), so the caller decodes each distinct reason once.
//
// Loops are `while (true)`, never `for (;;)`: AssemblyScript 0.28 takes a `for (;;)` for a loop
// that never ends, whatever it breaks, and drops the code after it.
//
// scan returns 1 (counted: steps(), labelled(), escalations(), and touched() ids with their
// per-file counts), 0 (not recognised: the caller parses), or 2 (the reason table is full:
// the caller resets and scans again, or uses the JS scanner).

import { at, escaped, str, val, ws } from './labelled-traces/json';
import { countReason, startFile } from './labelled-traces/reasons';
export { entry, reset, storeBase, touched, touchedCount } from './labelled-traces/reasons';

let nSteps: u32 = 0;
let nLabelled: u32 = 0;
let nEscalations: u32 = 0;

export function inputBase(): usize {
  return (__heap_base + 63) & ~(<usize>63);
}
export function steps(): u32 {
  return nSteps;
}
export function labelled(): u32 {
  return nLabelled;
}
export function escalations(): u32 {
  return nEscalations;
}

// The content [s, e) is exactly `steps`, `label`, `label_reason`, `escalation`.
// @ts-ignore: decorator
@inline function isSteps(s: usize, e: usize): bool {
  return e - s == 5 && load<u32>(s) == 0x70657473 && at(s + 4) == 115;
}
// @ts-ignore: decorator
@inline function isLabel(s: usize, e: usize): bool {
  return e - s == 5 && load<u32>(s) == 0x6562616c && at(s + 4) == 108;
}
// @ts-ignore: decorator
@inline function isReason(s: usize, e: usize): bool {
  return e - s == 12 && load<u64>(s) == 0x65725f6c6562616c && load<u32>(s + 8) == 0x6e6f7361;
}
// @ts-ignore: decorator
@inline function isEscalation(s: usize, e: usize): bool {
  return e - s == 10 && load<u64>(s) == 0x6974616c61637365 && load<u16>(s + 8) == 0x6e6f;
}

export function scan(n: usize): i32 {
  startFile();
  const base = inputBase();
  return walk(base, base + n);
}

// 1 counted, 0 not recognised, 2 the reason table is full.
function walk(p: usize, end: usize): i32 {
  p = ws(p);
  if (at(p) != 123) return 0;
  let sawSteps = false;
  let steps: u32 = 0;
  let labelled: u32 = 0;
  let escalations: u32 = 0;
  p = ws(p + 1);
  if (at(p) == 125) return 0; // no steps: the parsing path says why
  while (true) {
    p = ws(p);
    if (at(p) != 34) return 0;
    const ks = p + 1;
    p = str(p);
    if (p == 0 || escaped) return 0;
    const ke = p - 1;
    p = ws(p);
    if (at(p) != 58) return 0;
    p = ws(p + 1);
    if (isSteps(ks, ke)) {
      if (sawSteps || at(p) != 91) return 0;
      sawSteps = true;
      p = ws(p + 1);
      if (at(p) == 93) p++;
      else {
        while (true) {
          p = ws(p);
          if (at(p) != 123) return 0;
          p++;
          let label = 0; // 0 absent or null, 1 present, 2 the string "escalation"
          let reasonS: usize = 0;
          let reasonE: usize = 0;
          let sawLabel = false;
          let sawReason = false;
          p = ws(p);
          if (at(p) == 125) p++;
          else {
            while (true) {
              p = ws(p);
              if (at(p) != 34) return 0;
              const s = p + 1;
              p = str(p);
              if (p == 0 || escaped) return 0;
              const e = p - 1;
              p = ws(p);
              if (at(p) != 58) return 0;
              p = ws(p + 1);
              const lab = isLabel(s, e);
              const rea = !lab && isReason(s, e);
              if (lab || rea) {
                if (lab ? sawLabel : sawReason) return 0;
                if (lab) sawLabel = true;
                else sawReason = true;
                const c = at(p);
                if (c == 34) {
                  const vs = p + 1;
                  p = str(p);
                  if (p == 0 || escaped) return 0;
                  if (lab) label = isEscalation(vs, p - 1) ? 2 : 1;
                  else {
                    reasonS = vs;
                    reasonE = p - 1;
                  }
                } else if (c == 110) {
                  if (load<u32>(p) != 0x6c6c756e) return 0;
                  p += 4;
                } else {
                  p = val(p, 2);
                  if (p == 0) return 0;
                  if (lab) label = 1;
                }
              } else {
                p = val(p, 2);
                if (p == 0) return 0;
              }
              p = ws(p);
              const d = at(p);
              if (d == 44) {
                p++;
                continue;
              }
              if (d == 125) {
                p++;
                break;
              }
              return 0;
            }
          }
          steps++;
          if (label != 0 || reasonS != 0) labelled++;
          if (reasonS != 0) {
            if (!countReason(reasonS, reasonE)) return 2;
            if (isEscalation(reasonS, reasonE)) escalations++;
            else if (label == 2) escalations++;
          } else if (label == 2) escalations++;
          p = ws(p);
          const d = at(p);
          if (d == 44) {
            p++;
            continue;
          }
          if (d == 93) {
            p++;
            break;
          }
          return 0;
        }
      }
    } else {
      p = val(p, 1);
      if (p == 0) return 0;
    }
    p = ws(p);
    const d = at(p);
    if (d == 44) {
      p++;
      continue;
    }
    if (d == 125) {
      p++;
      break;
    }
    return 0;
  }
  p = ws(p);
  if (p != end || !sawSteps) return 0;
  nSteps = steps;
  nLabelled = labelled;
  nEscalations = escalations;
  return 1;
}
