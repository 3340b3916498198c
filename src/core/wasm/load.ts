/**
 * One place that turns a generated module (src/core/wasm/<name>.wasm.ts, see wasm/README.md)
 * into an instance. Compiled once per thread and cached; null where WebAssembly is missing or
 * refuses the module (a CPU without SIMD), so every caller keeps its JavaScript path.
 *
 * WebAssembly is reached through globalThis with the few members used here: the node side's
 * type library has no WebAssembly declarations and src/core is compiled for both sides.
 */
export interface WasmInstance {
  exports: Record<string, unknown> & { memory: { buffer: ArrayBuffer; grow(pages: number): number } };
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => WasmInstance;
}

const modules = new Map<string, object | null>();

function api(): WasmApi | undefined {
  return (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;
}

/** The compiled module (to hand to worker threads), or null. */
export function wasmModule(name: string, base64: string): object | null {
  let m = modules.get(name);
  if (m === undefined) {
    m = null;
    const wa = api();
    if (wa) {
      try {
        const bin = atob(base64);
        const bytes = new Uint8Array(bin.length);
        for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
        m = new wa.Module(bytes);
      } catch {
        m = null;
      }
    }
    modules.set(name, m);
  }
  return m;
}

/** A fresh instance of a scanner (its own memory), or null. Scanners import nothing but `abort`. */
export function wasmInstance(name: string, base64: string): WasmInstance | null {
  const m = wasmModule(name, base64);
  const wa = api();
  if (!m || !wa) return null;
  try {
    return new wa.Instance(m, {
      env: {
        abort: () => {
          throw new Error(`wasm scanner ${name} aborted`);
        },
      },
    });
  } catch {
    return null;
  }
}
