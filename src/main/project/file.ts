/**
 * Where the project file is, apart from its reader (read.ts, which loads the YAML parser): a
 * cold `greenlight gate` in a folder without greenlight.yaml asks only whether it exists.
 */
import { join } from 'node:path';

export const PROJECT_FILE = 'greenlight.yaml';

export function projectFilePath(dir: string): string {
  return join(dir, PROJECT_FILE);
}
