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

let escaped = false; // the last string had an escape
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


// The walk passes positions (absolute addresses) in and out rather than keeping one in a
// global: a global is a memory access at every use, a local stays in a register. A function
// answers the position after what it read, or 0 where the JS scanner answers false (no
// position is 0: the input starts above the static data).

// @ts-ignore: decorator
@inline function at(p: usize): u32 {
  return <u32>load<u8>(p);
}

// Past whitespace. Inlined for the common case (no whitespace at all); runs go to wsRun.
// @ts-ignore: decorator
@inline function ws(p: usize): usize {
  return at(p) > 32 ? p : wsRun(p);
}

function wsRun(p: usize): usize {
  let c = at(p);
  while (c == 32 || c == 10 || c == 13 || c == 9) {
    p++;
    if (at(p) == c) {
      // A run (indentation): 16 at a time.
      while (true) {
        const v = v128.load(p);
        const m = v128.or(v128.or(i8x16.eq(v, i8x16.splat(32)), i8x16.eq(v, i8x16.splat(10))), v128.or(i8x16.eq(v, i8x16.splat(13)), i8x16.eq(v, i8x16.splat(9))));
        const bits = ~i8x16.bitmask(m) & 0xffff;
        if (bits != 0) {
          p += <usize>ctz(bits);
          break;
        }
        p += 16;
      }
    }
    c = at(p);
  }
  return p;
}

// @ts-ignore: decorator
@inline function hex(c: u32): bool {
  return c - 48 < 10 || (c | 32) - 97 < 6;
}

// At an opening quote: the position after the closing one (the content ends one before it).
// @ts-ignore: decorator
@inline function str(p: usize): usize {
  p++;
  escaped = false;
  while (true) {
    const v = v128.load(p);
    const m = v128.or(v128.or(i8x16.eq(v, i8x16.splat(34)), i8x16.eq(v, i8x16.splat(92))), i8x16.lt_u(v, i8x16.splat(32)));
    const bits = i8x16.bitmask(m);
    if (bits == 0) {
      p += 16;
      continue;
    }
    p += <usize>ctz(bits);
    const c = at(p);
    if (c == 34) return p + 1;
    if (c == 92) {
      escaped = true;
      const e = at(p + 1);
      if (e == 117) {
        if (!hex(at(p + 2)) || !hex(at(p + 3)) || !hex(at(p + 4)) || !hex(at(p + 5))) return 0;
        p += 6;
      } else if (e == 34 || e == 92 || e == 47 || e == 98 || e == 102 || e == 110 || e == 114 || e == 116) p += 2;
      else return 0;
      continue;
    }
    return 0; // a control byte, or the zeros past the end
  }
}

// @ts-ignore: decorator
@inline function digits(p: usize): usize {
  while (at(p) - 48 < 10) p++;
  return p;
}

// @ts-ignore: decorator
@inline function num(p: usize): usize {
  if (at(p) == 45) p++;
  if (at(p) == 48) p++;
  else {
    if (at(p) - 49 >= 9) return 0;
    p = digits(p + 1);
  }
  if (at(p) == 46) {
    const q = digits(p + 1);
    if (q == p + 1) return 0;
    p = q;
  }
  const e = at(p);
  if (e == 101 || e == 69) {
    p++;
    const s = at(p);
    if (s == 43 || s == 45) p++;
    const q = digits(p);
    if (q == p) return 0;
    p = q;
  }
  return p;
}

// A value: strings and numbers (most of them) read in place, the rest by value().
// @ts-ignore: decorator
@inline function val(p: usize, depth: i32): usize {
  const c = at(p);
  if (c == 34) return str(p);
  if (c - 48 < 10 || c == 45) return num(p);
  return value(p, depth);
}

function value(p: usize, depth: i32): usize {
  const c = at(p);
  if (c == 34) return str(p);
  if (c == 123 || c == 91) {
    if (depth > 256) return 0;
    const close: u32 = c == 123 ? 125 : 93;
    p = ws(p + 1);
    if (at(p) == close) return p + 1;
    while (true) {
      p = ws(p);
      if (c == 123) {
        if (at(p) != 34) return 0;
        p = str(p);
        if (p == 0) return 0;
        p = ws(p);
        if (at(p) != 58) return 0;
        p = ws(p + 1);
      }
      p = val(p, depth + 1);
      if (p == 0) return 0;
      p = ws(p);
      const d = at(p);
      if (d == 44) {
        p++;
        continue;
      }
      if (d == close) return p + 1;
      return 0;
    }
  }
  if (c == 116) return load<u32>(p) == 0x65757274 ? p + 4 : 0; // true
  if (c == 110) return load<u32>(p) == 0x6c6c756e ? p + 4 : 0; // null
  if (c == 102) return load<u32>(p) == 0x736c6166 && at(p + 4) == 101 ? p + 5 : 0; // false
  return num(p);
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

function same(a: usize, b: usize, n: usize): bool {
  let k: usize = 0;
  for (; k + 8 <= n; k += 8) if (load<u64>(a + k) != load<u64>(b + k)) return false;
  for (; k < n; k++) if (load<u8>(a + k) != load<u8>(b + k)) return false;
  return true;
}

// Count one step's reason [s, e): find or add its entry. False when there is no room.
function countReason(s: usize, e: usize): bool {
  const len = <u32>(e - s);
  let h: u32 = 2166136261;
  for (let p = s; p < e; p++) h = (h ^ <u32>load<u8>(p)) * 16777619;
  let slot = h & (SLOTS - 1);
  let id: u32 = 0;
  while (true) {
    const v = load<u32>(slots + (<usize>slot << 2));
    if (v == 0) {
      if (entryCount >= ENTRIES || storeUsed + len > STORE) return false;
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
  return true;
}

export function scan(n: usize): i32 {
  // The last scan's per-file counts go back to zero.
  for (let k: u32 = 0; k < touchedN; k++) store<u32>(ent + (<usize>load<u32>(touchedIds + (<usize>k << 2)) << 4), 0, 12);
  touchedN = 0;
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
