/**
 * `greenlight.yaml` text → the parsed document and a locator for its nodes (line numbers from
 * the YAML parser's own LineCounter), or the one problem that stops it being read: not YAML,
 * at its line, with a hint when flow-style YAML broke on a {placeholder}.
 */
import { LineCounter, parseDocument } from 'yaml';
import type { Problem } from '../errors';
import { locator, type Locator } from './locate';
import { customTagIn, customTagMessage, flowDepth } from '../yaml';
import { MAX_NESTING, nestingMessage, tooDeep } from '../depth';

export type ProjectText = { ok: true; doc: unknown; where: Locator } | { ok: false; problem: Problem };

/** `[agent-v{version}]`: braces open a flow mapping in YAML; the fix is quoting the value. */
function braceHint(line: string | undefined): string {
  const token = line === undefined ? null : /[^\s[\],'"{}:]*\{[A-Za-z_]\w*\}[^\s[\],'"]*/.exec(line);
  if (!token) return '';
  return `; a {placeholder} inside [ ] or { } is read as YAML, not text: quote it: "${token[0]}"`;
}

export function parseProjectText(text: string, file?: string): ProjectText {
  // Plain data only: deep nesting, custom tags and alias bombs are refused with one line.
  const refuse = (message: string): ProjectText => ({ ok: false, problem: { file, path: '', message } });
  if (flowDepth(text) > MAX_NESTING) return refuse(nestingMessage('(root)'));
  const lines = new LineCounter();
  const d = parseDocument(text, { lineCounter: lines, prettyErrors: true, logLevel: 'silent' });
  const err = d.errors[0];
  if (err?.code === 'RESOURCE_EXHAUSTION') return refuse('cannot be read as YAML: nested too deeply to be read');
  if (err) {
    const line = err.linePos?.[0].line;
    // The line is in the problem's own `file:line`; the parser's "at line L, column C" keeps its column.
    const msg = (err.message.split('\n')[0] ?? '').replace(/\s+at line \d+, column (\d+):?$/, ' (column $1)');
    const source = line === undefined ? undefined : text.split(/\r?\n/)[line - 1];
    return { ok: false, problem: { file, ...(line !== undefined ? { line } : {}), path: '', message: `not valid YAML: ${msg}${braceHint(source)}` } };
  }
  const tag = customTagIn(d, text);
  if (tag) return refuse(customTagMessage(tag));
  let doc: unknown;
  try {
    doc = d.toJS({ maxAliasCount: 100 });
  } catch (e) {
    return refuse(`cannot be read as YAML: ${e instanceof Error ? (e.message.split('\n')[0] ?? '') : String(e)}`);
  }
  const deep = tooDeep(doc);
  if (deep !== null) return refuse(nestingMessage(deep));
  return { ok: true, doc, where: locator(doc, d.contents, lines) };
}
