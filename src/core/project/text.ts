/**
 * `greenlight.yaml` text → the parsed document, or the one problem that stops it being read
 * (not YAML, with its line). The sections are validated afterwards (`schema.ts`).
 */
import type { Problem } from '../errors';
import { parseYamlData } from '../yaml';

export type ProjectText = { ok: true; doc: unknown } | { ok: false; problem: Problem };

export function parseProjectText(text: string, file?: string): ProjectText {
  // Plain data only: custom tags, alias bombs and deep nesting are refused with one line.
  const r = parseYamlData(text);
  return r.ok ? { ok: true, doc: r.value } : { ok: false, problem: { file, path: '', message: r.message } };
}
