/** Small helpers every part of core shares. */

/** A plain object (a JSON/YAML mapping): not null, not an array. */
export function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
