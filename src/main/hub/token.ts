/**
 * Where the hub token comes from. The CLI (and CI) read it from the environment variable
 * named by `publish.hub.token_env`; the desktop app keeps it encrypted with Electron's
 * `safeStorage` (the OS keychain) in the data folder. The token is never written in clear,
 * never stored in the database, and never put in a message.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../fs/atomic';

interface SafeStorage {
  isEncryptionAvailable(): boolean;
  encryptString(s: string): Buffer;
  decryptString(b: Buffer): string;
}

async function safeStorage(): Promise<SafeStorage | null> {
  if (!process.versions.electron) return null;
  try {
    const electron = (await import('electron')) as unknown as { safeStorage?: SafeStorage };
    const s = electron.safeStorage;
    return s && s.isEncryptionAvailable() ? s : null;
  } catch {
    return null;
  }
}

const secretsFile = (dataDir: string): string => join(dataDir, 'secrets', 'hub-tokens.json');

function readSecrets(dataDir: string): Record<string, string> {
  const file = secretsFile(dataDir);
  if (!existsSync(file)) return {};
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  } catch {
    return {};
  }
}

/** Keep a token for a hub URL, encrypted by the OS keychain. Desktop app only. */
export async function storeHubToken(dataDir: string, hubUrl: string, token: string): Promise<{ stored: boolean; reason?: string }> {
  const s = await safeStorage();
  if (!s) return { stored: false, reason: 'secure storage is available in the desktop app only; the CLI and console read the token from the environment' };
  const all = readSecrets(dataDir);
  all[hubUrl] = s.encryptString(token).toString('base64');
  mkdirSync(join(dataDir, 'secrets'), { recursive: true, mode: 0o700 });
  writeFileAtomic(secretsFile(dataDir), JSON.stringify(all));
  return { stored: true };
}

/** The token for a hub: the environment variable first, then the desktop app's keychain. */
export async function resolveHubToken(opts: { dataDir: string; hubUrl: string; tokenEnv: string; env?: NodeJS.ProcessEnv }): Promise<string | null> {
  const fromEnv = (opts.env ?? process.env)[opts.tokenEnv]?.trim();
  if (fromEnv) return fromEnv;
  const s = await safeStorage();
  const enc = readSecrets(opts.dataDir)[opts.hubUrl];
  if (!s || !enc) return null;
  try {
    return s.decryptString(Buffer.from(enc, 'base64'));
  } catch {
    return null;
  }
}
