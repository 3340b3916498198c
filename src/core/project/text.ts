/**
 * `greenlight.yaml` text → the parsed document, or the one problem that stops it being read
 * (not YAML, with its line). The sections are validated afterwards (`schema.ts`).
 */
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { Problem } from '../errors';

export type ProjectText = { ok: true; doc: unknown } | { ok: false; problem: Problem };

export function parseProjectText(text: string, file?: string): ProjectText {
  try {
    return { ok: true, doc: parseYaml(text, { prettyErrors: true }) as unknown };
  } catch (err) {
    const line = err instanceof YAMLParseError && err.linePos ? ` at line ${err.linePos[0].line}` : '';
    const msg = err instanceof Error ? (err.message.split('\n')[0] ?? '') : String(err);
    return { ok: false, problem: { file, path: '', message: `not valid YAML${line}: ${msg}` } };
  }
}
