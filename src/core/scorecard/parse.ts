/**
 * Reading a SCORECARD.md: the first `---` … `---` block is YAML front matter (seed 001 reads
 * exactly that slice); the rest is the body. Never throws: a card that cannot be read gives
 * problems. Values are returned as YAML gave them (`.nan` stays NaN) so that validation, not
 * parsing, reports them with their path.
 */
import { parseDocument } from 'yaml';
import type { Problem, Result } from '../errors';
import { FRONT_MATTER_OPEN as OPEN, splitFrontMatter } from './split';
import { customTagIn, customTagMessage, flowDepth } from '../yaml';
import { MAX_NESTING, nestingMessage, tooDeep } from '../depth';

export interface ParsedScorecard {
  /** The front matter as a plain object (validated separately by `validateScorecard`). */
  data: Record<string, unknown>;
  body: string;
  /** The body's Reproduction section (its text without the heading), when present. */
  reproduction?: string;
}

export function parseScorecard(text: string, file?: string): Result<ParsedScorecard> {
  if (typeof text !== 'string') return fail(file, 'expected markdown text');
  const split = splitFrontMatter(text);
  if (!split) {
    return fail(file, OPEN.test(text) ? 'front matter is not closed by a `---` line' : 'no YAML front matter: a scorecard starts with a `---` line');
  }
  if (flowDepth(split.yaml) > MAX_NESTING) return fail(file, `front matter: ${nestingMessage('(root)')}`);
  let data: unknown;
  try {
    const doc = parseDocument(split.yaml, { uniqueKeys: true, prettyErrors: false, strict: true, logLevel: 'silent' });
    if (doc.errors.length > 0) {
      return {
        ok: false,
        problems: doc.errors.map((e) => ({
          file,
          path: '',
          message: e.code === 'RESOURCE_EXHAUSTION' ? 'front matter is nested too deeply to be read' : `front matter is not valid YAML${e.linePos?.[0] ? ` at line ${e.linePos[0].line + 1}` : ''}: ${e.message.split('\n')[0]}`,
        })),
      };
    }
    const tag = customTagIn(doc, split.yaml, 1);
    if (tag) return fail(file, `front matter: ${customTagMessage(tag)}`);
    data = doc.toJS({ maxAliasCount: 100 });
    const deep = tooDeep(data);
    if (deep !== null) return fail(file, `front matter: ${nestingMessage(deep)}`);
  } catch (err) {
    return fail(file, `front matter cannot be read: ${err instanceof RangeError ? 'nested too deeply' : err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return fail(file, `front matter must be a mapping of keys, found ${data === null || data === undefined ? 'nothing' : Array.isArray(data) ? 'a list' : `a ${typeof data}`}`);
  }
  const out: ParsedScorecard = { data: data as Record<string, unknown>, body: split.body };
  const repro = section(split.body, 'Reproduction');
  if (repro !== undefined) out.reproduction = repro;
  return { ok: true, value: out };
}

/** The text of a `## Title` section, up to the next `## ` heading, trimmed. */
export function section(body: string, title: string): string | undefined {
  const lines = body.split(/\r?\n/);
  const start = lines.findIndex((l) => l.trim().toLowerCase() === `## ${title.toLowerCase()}`);
  if (start < 0) return undefined;
  const out: string[] = [];
  let fenced = false;
  for (const line of lines.slice(start + 1)) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    if (!fenced && /^##?\s/.test(line)) break;
    out.push(line);
  }
  const text = out.join('\n').trim();
  return text === '' ? undefined : text;
}

function fail(file: string | undefined, message: string): { ok: false; problems: Problem[] } {
  return { ok: false, problems: [{ file, path: '', message }] };
}
