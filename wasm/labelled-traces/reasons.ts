// The label reasons of the trace scanner (../labelled-traces-scan.ts), interned across files:
// each distinct reason's bytes are copied into `text` once and keep their id until reset(), so
// the caller decodes each one once; per file, the ids counted (touched) and their counts.

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


function same(a: usize, b: usize, n: usize): bool {
  let k: usize = 0;
  for (; k + 8 <= n; k += 8) if (load<u64>(a + k) != load<u64>(b + k)) return false;
  for (; k < n; k++) if (load<u8>(a + k) != load<u8>(b + k)) return false;
  return true;
}

// Count one step's reason [s, e): find or add its entry. False when there is no room.
export function countReason(s: usize, e: usize): bool {
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

/** A new file: the last one's per-file counts go back to zero. */
export function startFile(): void {
  for (let k: u32 = 0; k < touchedN; k++) store<u32>(ent + (<usize>load<u32>(touchedIds + (<usize>k << 2)) << 4), 0, 12);
  touchedN = 0;
}
