/**
 * The desktop app's last gaps (issue 12), as pure rules since the Electron binary cannot run
 * here: the dev server URL (and its inline-script CSP) only in an unpackaged app, and no
 * token kept by safeStorage's plain-text `basic_text` backend on Linux.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contentSecurityPolicyFor, devServerUrlFor } from '../../src/main/security';
import { storageRefusal, storeHubToken, type SafeStorage } from '../../src/main/hub/token';
import { ROOT, tempDir } from '../helpers/cli';

/** Electron's safeStorage surface, with the backend Chromium reports. */
const storage = (backend: string): SafeStorage => ({
  isEncryptionAvailable: () => true,
  encryptString: (s) => Buffer.from(`enc:${s}`),
  decryptString: (b) => b.toString().slice(4),
  getSelectedStorageBackend: () => backend,
});

describe('desktop app', () => {
  it('ELECTRON_RENDERER_URL is honoured only when the app is not packaged, and only on loopback', () => {
    const env = { ELECTRON_RENDERER_URL: 'http://localhost:5173' };
    expect(devServerUrlFor(false, env)).toBe('http://localhost:5173');
    expect(devServerUrlFor(true, env)).toBeUndefined();
    expect(devServerUrlFor(false, { ELECTRON_RENDERER_URL: 'https://evil.example/' })).toBeUndefined();
    expect(devServerUrlFor(false, { ELECTRON_RENDERER_URL: 'file:///tmp/x.html' })).toBeUndefined();
    // 'unsafe-inline' scripts only with the dev server.
    expect(contentSecurityPolicyFor(devServerUrlFor(true, env))).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(contentSecurityPolicyFor(devServerUrlFor(false, env))).toMatch(/script-src 'self' 'unsafe-inline'/);
    // The entry wires it through the rule, never from the variable directly.
    const entry = readFileSync(join(ROOT, 'src/main/index.ts'), 'utf8');
    expect(entry).toContain('devServerUrlFor(app.isPackaged)');
    expect(entry).not.toContain('process.env.ELECTRON_RENDERER_URL');
  });

  it('on Linux with the basic_text backend the token is refused, with how to pass it from the environment', async () => {
    const dataDir = tempDir('greenlight-token-');
    const r = await storeHubToken(dataDir, 'https://hub.example', 'tok-1234567890', { storage: storage('basic_text'), platform: 'linux', tokenEnv: 'MY_HUB_TOKEN' });
    expect(r.stored).toBe(false);
    expect(r.reason).toMatch(/plain text.*set \$MY_HUB_TOKEN in the environment Greenlight is started from/);
    expect(existsSync(join(dataDir, 'secrets', 'hub-tokens.json'))).toBe(false);
    // A real keyring (or another platform) stores it, encrypted.
    expect(storageRefusal(storage('gnome_libsecret'), 'linux')).toBeNull();
    expect(storageRefusal(storage('basic_text'), 'darwin')).toBeNull();
    const ok = await storeHubToken(dataDir, 'https://hub.example', 'tok-1234567890', { storage: storage('kwallet5'), platform: 'linux' });
    expect(ok.stored).toBe(true);
    expect(readFileSync(join(dataDir, 'secrets', 'hub-tokens.json'), 'utf8')).not.toContain('tok-1234567890');
  });
});
