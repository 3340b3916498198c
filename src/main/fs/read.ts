/** Reading a text file a command was pointed at: a file that cannot be read is a UsageError (exit 2). */
import { UsageError } from '../../core/errors';
import { FileReadError, readTextFileSync } from './read-file';

/** Why a file could not be read, in a few words: `not found`, `cannot be read (EACCES)`. */
export function unreadableReason(err: unknown): string {
  if (err instanceof FileReadError) return err.reason;
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'ENOENT' ? 'not found' : `cannot be read (${code ?? String(err)})`;
}

/** The file's text; `path: not found` (and what it was for, when given) as a UsageError. Refuses special files and files over the cap. */
export async function readTextOrUsage(path: string, what?: string, full: string = path): Promise<string> {
  try {
    return readTextFileSync(full, { shown: path });
  } catch (err) {
    throw new UsageError(`${path}: ${unreadableReason(err)}${what ? ` (${what})` : ''}`);
  }
}
