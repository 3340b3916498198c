/**
 * A YAML file read the one safe way: the single-file reader (no FIFOs, devices or huge
 * files) and the plain-data parser (no custom tags, no alias bombs, no deep nesting). Every
 * loader of greenlight.yaml uses this, so a hostile repository gets one line, not a hang.
 */
import { parseYamlData } from '../../core/yaml';
import { FileReadError, readTextFileSync } from './read-file';

export type YamlFileResult = { ok: true; value: unknown } | { ok: false; message: string };

/** `message` is `file: what is wrong`. */
export function readYamlFile(file: string, shown = file): YamlFileResult {
  let text: string;
  try {
    text = readTextFileSync(file, { shown, maxBytes: 16 * 1024 * 1024 });
  } catch (err) {
    if (err instanceof FileReadError) return { ok: false, message: err.message };
    throw err;
  }
  const r = parseYamlData(text);
  return r.ok ? r : { ok: false, message: `${shown}: ${r.message}` };
}
