/**
 * Where the hub token comes from. The CLI (and CI) read it from the environment variable
 * named by `publish.hub.token_env`; the desktop app keeps it encrypted with Electron's
 * `safeStorage` (the OS keychain) in the data folder. The token is never written in clear,
 * never stored in the database, and never put in a message.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../fs/atomic';

export interface SafeStorage {
  isEncryptionAvailable(): boolean;
  encryptString(s: string): Buffer;
  decryptString(b: Buffer): string;
  /** Linux only: which secret store Chromium picked; `basic_text` is a hard-coded key, i.e. plain text. */
  getSelectedStorageBackend?(): string;
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

/**
 * Why a token may not be kept with this storage, or null. On Linux without a keyring
 * (no gnome-keyring / KWallet), Chromium falls back to `basic_text`: "encrypted" with a key
 * compiled into every copy of Electron, which is plain text to anyone who reads the file.
 */
export function storageRefusal(s: SafeStorage | null, platform: NodeJS.Platform = process.platform, tokenEnv = 'GREENLIGHT_HUB_TOKEN'): string | null {
  if (!s) return 'secure storage is available in the desktop app only; the CLI and console read the token from the environment';
  if (platform === 'linux' && s.getSelectedStorageBackend?.() === 'basic_text') {
    return `no OS keyring is available (Electron's safeStorage would keep the token as plain text), so it is not stored; set $${tokenEnv} in the environment Greenlight is started from instead (e.g. ${tokenEnv}=… greenlight-app), or install and unlock gnome-keyring or KWallet`;
  }
  return null;
}

/** Keep a token for a hub URL, encrypted by the OS keychain. Desktop app only. */
export async function storeHubToken(dataDir: string, hubUrl: string, token: string, opts: { storage?: SafeStorage | null; platform?: NodeJS.Platform; tokenEnv?: string } = {}): Promise<{ stored: boolean; reason?: string }> {
  const s = opts.storage !== undefined ? opts.storage : await safeStorage();
  const refusal = storageRefusal(s, opts.platform, opts.tokenEnv);
  if (refusal || !s) return { stored: false, reason: refusal ?? 'secure storage is unavailable' };
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
