/**
 * The one place `greenlight.yaml` is read from disk (a lint rule and a test keep it so):
 * every face — CLI, console, Electron, runner, publish — gets the project file through
 * `readProjectDocument` and the views built on it in this room.
 */
import { existsSync } from 'node:fs';
import type { Problem } from '../../core/errors';
import type { Locator } from '../../core/project/locate';
import { parseProjectText } from '../../core/project/text';
import { unreadableReason } from '../fs/read';
import { readTextFileSync } from '../fs/read-file';

import { projectFilePath } from './file';

export { PROJECT_FILE, projectFilePath } from './file';

export interface ProjectDocument {
  /** The project file's full path (whether or not it exists). */
  file: string;
  exists: boolean;
  /** The parsed YAML (null for an empty file); `{}` when the file is absent or unreadable. */
  doc: unknown;
  /** Why the file could not be read or parsed; null when it was (or is absent). */
  problem: Problem | null;
  /** Lines and named paths of the document's nodes, for problems that point at them. */
  where?: Locator;
}

export function readProjectDocument(dir: string): ProjectDocument {
  const file = projectFilePath(dir);
  if (!existsSync(file)) return { file, exists: false, doc: {}, problem: null };
  let text: string;
  try {
    // A repository is untrusted: a FIFO, a device or a huge file here is refused, not read.
    text = readTextFileSync(file, { maxBytes: 16 * 1024 * 1024 });
  } catch (err) {
    return { file, exists: true, doc: {}, problem: { file, path: '', message: unreadableReason(err) } };
  }
  const t = parseProjectText(text, file);
  return t.ok ? { file, exists: true, doc: t.doc, problem: null, where: t.where } : { file, exists: true, doc: {}, problem: t.problem };
}
