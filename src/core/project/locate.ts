/**
 * Where a problem is in `greenlight.yaml`: its line (from the YAML parser's own node ranges
 * and LineCounter) and a path that names gates and evals by name — `gates[no_regression].direction`
 * rather than `gates.2.direction` — since a user finds a gate by its name, not its index.
 */
import { isMap, isScalar, isSeq, type LineCounter, type Node } from 'yaml';
import type { Problem } from '../errors';
import { isRecord } from '../util';

type Path = ReadonlyArray<PropertyKey>;

/** The sections whose list items are named (`name:`) and are called by that name. */
const NAMED_LISTS = new Set(['gates', 'evals']);

export interface Locator {
  /** The 1-based line of the deepest node of `path` that exists; undefined when unknown. */
  lineOf(path: Path): number | undefined;
  /** `path` as a user reads it: `gates[no_regression].thresholds.base`, `evals[bench].artefacts[0].path`. */
  nameOf(path: Path): string;
}

export function namedPath(doc: unknown, path: Path): string {
  let out = '';
  let node: unknown = doc;
  path.forEach((key, depth) => {
    const parentKey = depth === 1 ? path[0] : undefined;
    if (typeof key === 'number') {
      const item: unknown = Array.isArray(node) ? node[key] : undefined;
      const name = NAMED_LISTS.has(String(parentKey)) && isRecord(item) && typeof item.name === 'string' && item.name ? item.name : null;
      // A name that two items share (a duplicate is itself a problem) does not say which one: the index does.
      const unique = name !== null && Array.isArray(node) && node.filter((o) => isRecord(o) && o.name === name).length === 1;
      out += unique && /^[^[\]]+$/.test(name) ? `[${name}]` : `[${key}]`;
      node = item;
    } else {
      out += out ? `.${String(key)}` : String(key);
      node = isRecord(node) ? node[String(key)] : undefined;
    }
  });
  return out;
}

export function locator(doc: unknown, root: Node | null | undefined, lines: LineCounter): Locator {
  const lineAt = (offset: number | undefined): number | undefined => (offset === undefined ? undefined : lines.linePos(offset).line);
  return {
    lineOf(path) {
      let node: unknown = root;
      let line = lineAt((root as Node | null | undefined)?.range?.[0]);
      for (const key of path) {
        if (isMap(node)) {
          const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(key));
          if (!pair) break;
          line = lineAt((pair.key as Node).range?.[0]) ?? line;
          node = pair.value;
        } else if (isSeq(node) && typeof key === 'number') {
          const item = node.items[key] as Node | undefined;
          if (!item) break;
          line = lineAt(item.range?.[0]) ?? line;
          node = item;
        } else break;
      }
      return line;
    },
    nameOf: (path) => namedPath(doc, path),
  };
}

/** Zod issues → problems that name their file, line and the named path. */
export function locatedProblems(issues: ReadonlyArray<{ path: Path; message: string }>, file: string | undefined, where: Locator | undefined, doc: unknown): Problem[] {
  return issues.map((i) => {
    const line = where?.lineOf(i.path);
    return { file, ...(line !== undefined ? { line } : {}), path: where ? where.nameOf(i.path) : namedPath(doc, i.path), message: i.message };
  });
}
