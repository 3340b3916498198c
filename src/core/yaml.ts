/**
 * YAML as Greenlight reads it (greenlight.yaml, policies, card front matter, `check` inputs):
 * plain data only. An explicit tag beyond the core ones (`!!binary`, `!!js/function`, `!foo`)
 * is refused with one line instead of being turned into a Buffer or a string with a raw
 * YAMLWarning on stderr; aliases are capped (no billion laughs) and deep nesting is refused.
 */
import { isNode, parseDocument, visit, type Document } from 'yaml';
import { MAX_NESTING, nestingMessage, tooDeep } from './depth';

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

/**
 * How deep flow collections (`[`, `{`) open, outside quotes: the YAML parser recurses and
 * takes seconds to give up on 50,000 levels, so such a document is refused before parsing.
 */
export function flowDepth(text: string, limit: number = MAX_NESTING): number {
  let depth = 0;
  let max = 0;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '{') {
      if (++depth > max) max = depth;
      if (max > limit) return max;
    } else if (c === ']' || c === '}') depth = Math.max(0, depth - 1);
    else if (c === '\n') quote = '';
  }
  return max;
}

export function parseYamlData(text: string, opts: { uniqueKeys?: boolean; strict?: boolean } = {}): YamlResult {
  if (flowDepth(text, MAX_NESTING) > MAX_NESTING) return { ok: false, message: nestingMessage('(root)') };
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
