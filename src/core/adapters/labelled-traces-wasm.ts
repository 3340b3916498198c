/**
 * The labelled-trace scanner in WebAssembly (wasm/labelled-traces-scan.ts), as a whole-file
 * scanner: the reader asks it for a buffer, reads the file straight into the module's memory,
 * and asks it to count. It answers exactly what `scanTraceBytes` answers (same counts, same
 * declines; test/core/adapters/labelled-traces-wasm.test.ts); when the module is missing it
 * is `scanTraceBytes` over a reused buffer.
 *
 * Self-contained on purpose, like `scanTraceBytes`: it is stringified into worker threads.
 */
import type { TraceTally } from './labelled-traces';

/** What wasm/labelled-traces-scan.ts exports. */
export interface TraceScanExports {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  inputBase(): number;
  scan(n: number): number;
  steps(): number;
  labelled(): number;
  escalations(): number;
  touchedCount(): number;
  touched(): number;
  entry(id: number): number;
  storeBase(): number;
  reset(): void;
}

/** Where a whole `.json` file is read, and how it is counted (src/main/artefacts/trace-files.ts). */
export interface WholeFileScanner {
  /** A buffer of at least `need` bytes whose first `keep` bytes are those of the buffer last given. */
  buffer(need: number, keep: number): Uint8Array;
  /** Count the file in the buffer's first `len` bytes; false (tally untouched) when not recognised. */
  scan(len: number, t: TraceTally): boolean;
  /** Whether WebAssembly has counted here (false: the JS scanner alone). */
  wasm(): boolean;
}

export function wasmTraceScanner(make: (() => TraceScanExports | null) | null, jsScan: (b: Uint8Array, t: TraceTally) => boolean): WholeFileScanner {
  // Zeros after the file: the module's stand-in for "past the end" (its 16-byte loads stay inside).
  const PAD = 64;
  // Memory grown past this by one huge file is let go after it (a fresh instance next time).
  const KEEP = 16 << 20;
  let ex: TraceScanExports | null = null;
  let base = 0;
  let failed = make === null;
  // Reason texts by the module's ids, decoded once (ids stay stable until reset()).
  let names: string[] = [];
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  // The JavaScript path's buffer: no module, or a file the module's memory could not hold.
  let js: Uint8Array | null = null;
  let inJs = false;
  let used = false;
  // Views of the module's memory, made again only when it grows (or is a new instance's).
  let mem: ArrayBuffer | null = null;
  let view = new Uint8Array(0); // from the input to the end of memory
  let room = view; // what a file may fill: all of it but the padding
  let u32 = new Uint32Array(0);
  const views = (m: TraceScanExports): void => {
    if (m.memory.buffer === mem) return;
    mem = m.memory.buffer;
    view = new Uint8Array(mem, base, mem.byteLength - base);
    room = view.subarray(0, view.length - PAD);
    u32 = new Uint32Array(mem);
  };

  const jsBuffer = (need: number, keep: number, from: Uint8Array | null): Uint8Array => {
    if (js === null || js.length < need) {
      const g = new Uint8Array(Math.max(need, 1 << 16));
      if (from !== null && keep > 0) g.set(from.subarray(0, keep));
      js = g;
    } else if (from !== null && from !== js && keep > 0) js.set(from.subarray(0, keep));
    return js;
  };

  return {
    buffer(need: number, keep: number): Uint8Array {
      if (keep === 0) {
        inJs = false;
        if (js !== null && js.length > KEEP) js = null;
        if (ex !== null && ex.memory.buffer.byteLength > KEEP) ex = null;
        if (ex === null && !failed && make !== null) {
          ex = make();
          if (ex === null) failed = true;
          else {
            base = ex.inputBase();
            names = [];
          }
        }
      }
      if (ex === null || inJs) return jsBuffer(need, keep, js);
      const have = ex.memory.buffer.byteLength;
      const want = base + need + PAD;
      if (want > have) {
        try {
          ex.memory.grow(Math.ceil((want - have) / 65536));
        } catch {
          // Past what the module can address: this file is read and counted in JavaScript.
          inJs = true;
          return jsBuffer(need, keep, new Uint8Array(ex.memory.buffer, base, keep));
        }
      }
      views(ex);
      return room;
    },

    scan(len: number, t: TraceTally): boolean {
      if (ex === null || inJs) return jsScan((js as Uint8Array).subarray(0, len), t);
      const m = ex;
      views(m);
      view.fill(0, len, len + PAD);
      let r = m.scan(len);
      if (r === 2) {
        // The reason table is full: start it afresh, and if one file alone overflows it, the JS scanner.
        m.reset();
        names = [];
        r = m.scan(len);
        if (r === 2) return jsScan(view.subarray(0, len), t);
      }
      used = true;
      if (r !== 1) return false;
      t.traces++;
      t.steps += m.steps();
      t.labelled += m.labelled();
      t.escalations += m.escalations();
      const nt = m.touchedCount();
      if (nt > 0) {
        const ids = m.touched() >>> 2;
        for (let k = 0; k < nt; k++) {
          const id = u32[ids + k] as number;
          const e = m.entry(id) >>> 2;
          let name = names[id];
          if (name === undefined) {
            const off = m.storeBase() + (u32[e] as number);
            name = decoder.decode(new Uint8Array(m.memory.buffer, off, u32[e + 1] as number));
            names[id] = name;
          }
          t.reasons.set(name, (t.reasons.get(name) ?? 0) + (u32[e + 3] as number));
        }
      }
      return true;
    },

    wasm: (): boolean => used,
  };
}
