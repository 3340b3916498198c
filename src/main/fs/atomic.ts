/** Writing a file so a reader never sees it half-written: a private temp file, then a rename. */
import { randomUUID } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';

export function writeFileAtomic(file: string, data: string | Buffer): void {
  const tmp = `${file}.${randomUUID()}.tmp`;
  writeFileSync(tmp, data, { flag: 'wx' });
  try {
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}
