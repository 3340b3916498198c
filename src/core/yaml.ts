/**
 * YAML as Greenlight reads it (greenlight.yaml, policies, card front matter, `check` inputs):
 * plain data only. An explicit tag beyond the core ones (`!!binary`, `!!js/function`, `!foo`)
 * is refused with one line instead of being turned into a Buffer or a string with a raw
 * YAMLWarning on stderr; aliases are capped (no billion laughs) and deep nesting is refused.
 */
import { isNode, parseDocument, visit, type Document } from 'yaml';
import { nestingMessage, tooDeep } from './depth';

const CORE_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`));

/** The first explicit tag beyond the core schema's, with its line in `text`. */
export function customTagIn(doc: Document.Parsed, text: string, lineOffset = 0): { tag: string; line?: number } | null {
  let custom: { tag: string; line?: number } | null = null;
  visit(doc, {
    Node(_key, node) {
      if (isNode(node) && node.tag && !CORE_TAGS.has(node.tag)) {
        const at = node.range?.[0];
        custom = { tag: node.tag.replace(/^tag:yaml\.org,2002:/, '!!'), ...(at !== undefined ? { line: text.slice(0, at).split('\n').length + lineOffset } : {}) };
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return custom;
}

export function customTagMessage(found: { tag: string; line?: number }): string {
  return `the YAML tag ${found.tag}${found.line ? ` (line ${found.line})` : ''} is not allowed: plain data only`;
}

export type YamlResult = { ok: true; value: unknown } | { ok: false; message: string; line?: number };

export function parseYamlData(text: string, opts: { uniqueKeys?: boolean; strict?: boolean } = {}): YamlResult {
  try {
    const doc = parseDocument(text, { uniqueKeys: opts.uniqueKeys ?? true, prettyErrors: true, strict: opts.strict ?? true, logLevel: 'silent' });
    const err = doc.errors[0];
    if (err?.code === 'RESOURCE_EXHAUSTION') return { ok: false, message: 'cannot be read as YAML: nested too deeply to be read' };
    if (err) {
      const line = err.linePos?.[0].line;
      const first = (err.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
      return { ok: false, message: `not valid YAML${line ? ` at line ${line}` : ''}: ${first}`, ...(line ? { line } : {}) };
    }
    const found = customTagIn(doc, text);
    if (found) return { ok: false, message: customTagMessage(found), ...(found.line ? { line: found.line } : {}) };
    const value: unknown = doc.toJS({ maxAliasCount: 100 });
    const deep = tooDeep(value);
    if (deep !== null) return { ok: false, message: nestingMessage(deep) };
    return { ok: true, value };
  } catch (err) {
    // The parser recurses: a document nested tens of thousands deep overflows it.
    const msg = err instanceof RangeError ? 'nested too deeply to be read' : err instanceof Error ? (err.message.split('\n')[0] ?? '') : String(err);
    return { ok: false, message: `cannot be read as YAML: ${msg}` };
  }
}
