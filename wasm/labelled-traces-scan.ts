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

const ENTRIES: u32 = 1 << 14; // distinct reasons held; SLOTS keeps the table at most half full
const SLOTS: u32 = 1 << 15;
const STORE: u32 = 1 << 20; // bytes of reason text held
// entry: store offset, length, hash, count in this file (u32 each)
const ent = memory.data(<i32>(ENTRIES * 16), 16);
const slots = memory.data(<i32>(SLOTS * 4), 16);
const text = memory.data(<i32>STORE, 16);
const touchedIds = memory.data(<i32>(ENTRIES * 4), 16);

let entryCount: u32 = 0;
let storeUsed: u32 = 0;
let touchedN: u32 = 0;
let full = false;

let i: usize = 0;
let end: usize = 0;
let escaped = false;
let se: usize = 0; // end of the last string's content
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
export function touchedCount(): u32 {
  return touchedN;
}
/** Pointer to the ids (u32) of the reasons counted in the last scan. */
export function touched(): usize {
  return touchedIds;
}
/** Pointer to entry `id`: store offset, length, hash, count in the last scan (u32 each). */
export function entry(id: u32): usize {
  return ent + (<usize>id << 4);
}
export function storeBase(): usize {
  return text;
}
export function reset(): void {
  memory.fill(slots, 0, <usize>(SLOTS * 4));
  memory.fill(ent, 0, <usize>(ENTRIES * 16));
  entryCount = 0;
  storeUsed = 0;
  touchedN = 0;
}

// @ts-ignore: decorator
@inline function at(p: usize): u32 {
  return <u32>load<u8>(p);
}

function ws(): void {
  let c = at(i);
  if (c > 32) return;
  while (c == 32 || c == 10 || c == 13 || c == 9) {
    i++;
    if (at(i) == c) {
      // A run (indentation): 16 at a time.
      while (true) {
        const v = v128.load(i);
        const m = v128.or(v128.or(i8x16.eq(v, i8x16.splat(32)), i8x16.eq(v, i8x16.splat(10))), v128.or(i8x16.eq(v, i8x16.splat(13)), i8x16.eq(v, i8x16.splat(9))));
        const bits = ~i8x16.bitmask(m) & 0xffff;
        if (bits != 0) {
          i += <usize>ctz(bits);
          break;
        }
        i += 16;
      }
    }
    c = at(i);
  }
}

function hex(c: u32): bool {
  return c - 48 < 10 || (c | 32) - 97 < 6;
}

// At an opening quote: moves past the closing one, sets `se` to the content's end; false when invalid.
function str(): bool {
  i++;
  escaped = false;
  while (true) {
    const v = v128.load(i);
    const m = v128.or(v128.or(i8x16.eq(v, i8x16.splat(34)), i8x16.eq(v, i8x16.splat(92))), i8x16.lt_u(v, i8x16.splat(32)));
    const bits = i8x16.bitmask(m);
    if (bits == 0) {
      i += 16;
      continue;
    }
    i += <usize>ctz(bits);
    const c = at(i);
    if (c == 34) {
      se = i++;
      return true;
    }
    if (c == 92) {
      escaped = true;
      const e = at(i + 1);
      if (e == 117) {
        if (!hex(at(i + 2)) || !hex(at(i + 3)) || !hex(at(i + 4)) || !hex(at(i + 5))) return false;
        i += 6;
      } else if (e == 34 || e == 92 || e == 47 || e == 98 || e == 102 || e == 110 || e == 114 || e == 116) i += 2;
      else return false;
      continue;
    }
    return false; // a control byte, or the zeros past the end
  }
}

function digits(): bool {
  const s = i;
  while (at(i) - 48 < 10) i++;
  return i > s;
}

function num(): bool {
  if (at(i) == 45) i++;
  if (at(i) == 48) i++;
  else if (at(i) - 49 >= 9 || !digits()) return false;
  if (at(i) == 46) {
    i++;
    if (!digits()) return false;
  }
  const e = at(i);
  if (e == 101 || e == 69) {
    i++;
    const s = at(i);
    if (s == 43 || s == 45) i++;
    if (!digits()) return false;
  }
  return true;
}

function value(depth: i32): bool {
  const c = at(i);
  if (c == 34) return str();
  if (c == 123 || c == 91) {
    if (depth > 256) return false;
    const close: u32 = c == 123 ? 125 : 93;
    i++;
    ws();
    if (at(i) == close) {
      i++;
      return true;
    }
    while (true) {
      ws();
      if (c == 123) {
        if (at(i) != 34 || !str()) return false;
        ws();
        if (at(i) != 58) return false;
        i++;
        ws();
      }
      if (!value(depth + 1)) return false;
      ws();
      const d = at(i);
      if (d == 44) {
        i++;
        continue;
      }
      if (d == close) {
        i++;
        return true;
      }
      return false;
    }
  }
  if (c == 116) return word4(0x65757274); // true
  if (c == 110) return word4(0x6c6c756e); // null
  if (c == 102) {
    // false
    if (load<u32>(i) != 0x736c6166 || at(i + 4) != 101) return false;
    i += 5;
    return true;
  }
  return num();
}

function word4(w: u32): bool {
  if (load<u32>(i) != w) return false;
  i += 4;
  return true;
}

// The content [s, e) is exactly `steps`, `label`, `label_reason`, `escalation`.
function isSteps(s: usize, e: usize): bool {
  return e - s == 5 && load<u32>(s) == 0x70657473 && at(s + 4) == 115;
}
function isLabel(s: usize, e: usize): bool {
  return e - s == 5 && load<u32>(s) == 0x6562616c && at(s + 4) == 108;
}
function isReason(s: usize, e: usize): bool {
  return e - s == 12 && load<u64>(s) == 0x65725f6c6562616c && load<u32>(s + 8) == 0x6e6f7361;
}
function isEscalation(s: usize, e: usize): bool {
  return e - s == 10 && load<u64>(s) == 0x6974616c61637365 && load<u16>(s + 8) == 0x6e6f;
}

function same(a: usize, b: usize, n: usize): bool {
  let k: usize = 0;
  for (; k + 8 <= n; k += 8) if (load<u64>(a + k) != load<u64>(b + k)) return false;
  for (; k < n; k++) if (load<u8>(a + k) != load<u8>(b + k)) return false;
  return true;
}

// Count one step's reason [s, e): find or add its entry. Sets `full` when there is no room.
function countReason(s: usize, e: usize): void {
  const len = <u32>(e - s);
  let h: u32 = 2166136261;
  for (let p = s; p < e; p++) h = (h ^ <u32>load<u8>(p)) * 16777619;
  let slot = h & (SLOTS - 1);
  let id: u32 = 0;
  while (true) {
    const v = load<u32>(slots + (<usize>slot << 2));
    if (v == 0) {
      if (entryCount >= ENTRIES || storeUsed + len > STORE) {
        full = true;
        return;
      }
      id = entryCount++;
      memory.copy(text + storeUsed, s, len);
      const p = ent + (<usize>id << 4);
      store<u32>(p, storeUsed);
      store<u32>(p, len, 4);
      store<u32>(p, h, 8);
      store<u32>(p, 0, 12);
      storeUsed += len;
      store<u32>(slots + (<usize>slot << 2), id + 1);
      break;
    }
    id = v - 1;
    const p = ent + (<usize>id << 4);
    if (load<u32>(p, 8) == h && load<u32>(p, 4) == len && same(text + load<u32>(p), s, len)) break;
    slot = (slot + 1) & (SLOTS - 1);
  }
  const p = ent + (<usize>id << 4);
  const n = load<u32>(p, 12);
  if (n == 0) {
    store<u32>(touchedIds + (<usize>touchedN << 2), id);
    touchedN++;
  }
  store<u32>(p, n + 1, 12);
}

export function scan(n: usize): i32 {
  // The last scan's per-file counts go back to zero.
  for (let k: u32 = 0; k < touchedN; k++) store<u32>(ent + (<usize>load<u32>(touchedIds + (<usize>k << 2)) << 4), 0, 12);
  touchedN = 0;
  full = false;
  const base = inputBase();
  i = base;
  end = base + n;
  const r = walk();
  if (full) return 2;
  return r ? 1 : 0;
}

function walk(): bool {
  ws();
  if (at(i) != 123) return false;
  i++;
  let sawSteps = false;
  let steps: u32 = 0;
  let labelled: u32 = 0;
  let escalations: u32 = 0;
  ws();
  if (at(i) == 125) return false; // no steps: the parsing path says why
  while (true) {
    ws();
    if (at(i) != 34) return false;
    const ks = i + 1;
    if (!str() || escaped) return false;
    const ke = se;
    ws();
    if (at(i) != 58) return false;
    i++;
    ws();
    if (isSteps(ks, ke)) {
      if (sawSteps || at(i) != 91) return false;
      sawSteps = true;
      i++;
      ws();
      if (at(i) == 93) i++;
      else {
        while (true) {
          ws();
          if (at(i) != 123) return false;
          i++;
          let label = 0; // 0 absent or null, 1 present, 2 the string "escalation"
          let reasonS: usize = 0;
          let reasonE: usize = 0;
          let hasReason = false;
          let sawLabel = false;
          let sawReason = false;
          ws();
          if (at(i) == 125) i++;
          else {
            while (true) {
              ws();
              if (at(i) != 34) return false;
              const s = i + 1;
              if (!str() || escaped) return false;
              const e = se;
              ws();
              if (at(i) != 58) return false;
              i++;
              ws();
              const lab = isLabel(s, e);
              const rea = !lab && isReason(s, e);
              if (lab || rea) {
                if (lab ? sawLabel : sawReason) return false;
                if (lab) sawLabel = true;
                else sawReason = true;
                const c = at(i);
                if (c == 34) {
                  const vs = i + 1;
                  if (!str() || escaped) return false;
                  if (lab) label = isEscalation(vs, se) ? 2 : 1;
                  else {
                    hasReason = true;
                    reasonS = vs;
                    reasonE = se;
                  }
                } else if (c == 110) {
                  if (!word4(0x6c6c756e)) return false;
                } else {
                  if (!value(2)) return false;
                  if (lab) label = 1;
                }
              } else if (!value(2)) return false;
              ws();
              const d = at(i);
              if (d == 44) {
                i++;
                continue;
              }
              if (d == 125) {
                i++;
                break;
              }
              return false;
            }
          }
          steps++;
          if (label != 0 || hasReason) labelled++;
          if (hasReason) {
            countReason(reasonS, reasonE);
            if (full) return false;
          }
          if (label == 2 || (hasReason && isEscalation(reasonS, reasonE))) escalations++;
          ws();
          const d = at(i);
          if (d == 44) {
            i++;
            continue;
          }
          if (d == 93) {
            i++;
            break;
          }
          return false;
        }
      }
    } else if (!value(1)) return false;
    ws();
    const d = at(i);
    if (d == 44) {
      i++;
      continue;
    }
    if (d == 125) {
      i++;
      break;
    }
    return false;
  }
  ws();
  if (i != end || !sawSteps) return false;
  nSteps = steps;
  nLabelled = labelled;
  nEscalations = escalations;
  return true;
}
