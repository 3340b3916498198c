/**
 * `greenlight serve --keep`: the console keeps its port and token across restarts, so a
 * bookmark or an open tab keeps working. Both live in `console-session.json` in the data
 * folder, readable by its owner only (mode 0600); without --keep nothing is written and every
 * start makes a new token on a free port.
 */
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';

export const SESSION_FILE = 'console-session.json';

const SessionSchema = z.object({ port: z.number().int().min(1).max(65535), token: z.string().regex(/^[\w-]{32,}$/) });
export type KeptSession = z.infer<typeof SessionSchema>;

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

/** The kept session, or null when there is none; a damaged file is reported, never trusted. */
export function readKeptSession(dataDir: string): { session: KeptSession | null; problem?: string } {
  const file = join(dataDir, SESSION_FILE);
  if (!existsSync(file)) return { session: null };
  try {
    const parsed = SessionSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (parsed.success) return { session: parsed.data };
    return { session: null, problem: `${file}: expected {"port": 1–65535, "token": "…"}; making a new session` };
  } catch {
    return { session: null, problem: `${file}: not JSON; making a new session` };
  }
}

/** Written atomically with owner-only permissions (the token opens the console). */
export function writeKeptSession(dataDir: string, session: KeptSession): string {
  const file = join(dataDir, SESSION_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(session, null, 2)}\n`, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
  return file;
}
