/**
 * How deep a parsed value nests, found without recursion. Every walk over a document (the
 * adapters, gates, diffs) is recursive, so a value nested 50,000 deep would end in `RangeError:
 * Maximum call stack size exceeded`; readers refuse such documents up front with one line.
 */

/** Deeper than any results file a tool writes; far below what a recursive walk survives. */
export const MAX_NESTING = 512;

/** The first path (dotted) found deeper than `max` levels, or null when the value is shallower. */
export function tooDeep(value: unknown, max = MAX_NESTING): string | null {
  const stack: Array<[unknown, number, string]> = [[value, 0, '']];
  while (stack.length > 0) {
    const [v, depth, path] = stack.pop() as [unknown, number, string];
    if (v === null || typeof v !== 'object') continue;
    if (depth >= max) return path || '(root)';
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) stack.push([v[i], depth + 1, depth < 8 ? (path ? `${path}.${i}` : String(i)) : path]);
    } else {
      for (const k of Object.keys(v)) stack.push([(v as Record<string, unknown>)[k], depth + 1, depth < 8 ? (path ? `${path}.${k}` : k) : path]);
    }
  }
  return null;
}

export function nestingMessage(at: string, max = MAX_NESTING): string {
  return `nested more than ${max} levels deep (at ${at}…); refused`;
}
