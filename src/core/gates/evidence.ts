/**
 * Evidence whose bulky entries are built when first read, not when the gate is judged
 * (issue 14): a regression gate over 10,000 tasks decides on a few numbers per task, and
 * its 10,000 per-task rows with notes are wanted only by whoever reads them (the JSON
 * report, the store), never by the console's what-if thresholds or by the re-evaluations
 * of Holm's step-down.
 *
 * A lazy entry is an enumerable own accessor, so JSON.stringify, structuredClone (IPC),
 * Object.entries, vitest's equality and zod all read it as a plain value: serialised
 * output is unchanged. A spread would build it, so evidence is copied with `extendEvidence`.
 */

/** Define `key` on `target` as a value built by `build` on first read (once, shared by copies). */
export function defineLazy(target: Record<string, unknown>, key: string, build: () => unknown): void {
  let built = false;
  let value: unknown;
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get() {
      if (!built) {
        value = build();
        built = true;
      }
      return value;
    },
    // Writing it makes it a plain value on that object alone, as assignment would.
    set(this: Record<string, unknown>, v: unknown) {
      Object.defineProperty(this, key, { value: v, writable: true, enumerable: true, configurable: true });
    },
  });
}

function copyEntries(from: Record<string, unknown>, out: Record<string, unknown>): void {
  for (const key of Object.keys(from)) {
    const d = Object.getOwnPropertyDescriptor(from, key) as PropertyDescriptor;
    Object.defineProperty(out, key, d.get ? { get: d.get, set: d.set, enumerable: true, configurable: true } : { value: d.value, writable: true, enumerable: true, configurable: true });
  }
}

/** `{ ...evidence, ...extra }` that keeps lazy entries lazy, in either (same keys, same order). */
export function extendEvidence(evidence: Record<string, unknown>, extra: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  copyEntries(evidence, out);
  copyEntries(extra, out);
  return out;
}
