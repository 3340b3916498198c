// JSON tokens for the trace scanner (../labelled-traces-scan.ts): whitespace, strings, numbers,
// values, exactly as the JS scanner reads them (src/core/adapters/labelled-traces-scan.ts).

export let escaped = false; // the last string had an escape

// The walk passes positions (absolute addresses) in and out rather than keeping one in a
// global: a global is a memory access at every use, a local stays in a register. A function
// answers the position after what it read, or 0 where the JS scanner answers false (no
// position is 0: the input starts above the static data).

// @ts-ignore: decorator
@inline export function at(p: usize): u32 {
  return <u32>load<u8>(p);
}

// Past whitespace. Inlined for the common case (no whitespace at all); runs go to wsRun.
// @ts-ignore: decorator
@inline export function ws(p: usize): usize {
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
@inline export function str(p: usize): usize {
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
@inline export function val(p: usize, depth: i32): usize {
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
      // val(), written out: it cannot be inlined into the function it calls.
      const v = at(p);
      if (v == 34) p = str(p);
      else if (v - 48 < 10 || v == 45) p = num(p);
      else p = value(p, depth + 1);
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
