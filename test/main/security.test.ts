import { describe, expect, it } from 'vitest';
import { isAppUrl, isSafeExternalUrl, openExternalSafely, secureWebPreferences } from '../../src/main/security';

describe('Electron security rules', () => {
  it('keeps the renderer isolated, sandboxed and without Node', () => {
    const prefs = secureWebPreferences('/app/preload.cjs');
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false, webSecurity: true });
  });

  it('lets the window navigate only to the app itself', () => {
    expect(isAppUrl('file:///opt/greenlight/out/renderer/index.html')).toBe(true);
    expect(isAppUrl('https://example.com/')).toBe(false);
    expect(isAppUrl('http://localhost:5173/#/runs', 'http://localhost:5173')).toBe(true);
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });

  it('opens only https links and loopback http (a local hub) externally', () => {
    expect(isSafeExternalUrl('https://hub.example.com/agents/x/0.1.0/SCORECARD.md')).toBe(true);
    expect(isSafeExternalUrl('http://127.0.0.1:8787/index.json')).toBe(true);
    expect(isSafeExternalUrl('http://hub.example.com/')).toBe(false);
    expect(isSafeExternalUrl('file:///etc/passwd')).toBe(false);
    expect(isSafeExternalUrl('javascript:alert(1)')).toBe(false);
    expect(isSafeExternalUrl('smb://server/share')).toBe(false);
    expect(isSafeExternalUrl('https://user:pw@example.com/')).toBe(false);
  });

  it('refuses to hand an unsafe link to the OS', async () => {
    const opened: string[] = [];
    const opener = async (u: string): Promise<void> => void opened.push(u);
    expect(await openExternalSafely('file:///etc/passwd', opener)).toBe(false);
    expect(await openExternalSafely('https://example.com/a', opener)).toBe(true);
    expect(opened).toEqual(['https://example.com/a']);
  });
});
