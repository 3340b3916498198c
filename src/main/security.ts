/**
 * Electron hardening in one module. The renderer is untrusted: context isolation, a
 * sandbox, no Node, a strict CSP, no navigation away from the app, no new windows, no
 * webviews, no permissions. External links leave only through `openExternalSafely`, the one
 * audited call to `shell.openExternal` (lint bans it everywhere else).
 */
import type { BrowserWindowConstructorOptions, Session, WebContents } from 'electron';
import { pathToFileURL } from 'node:url';
import { CONTENT_SECURITY_POLICY } from './web/guard';

export { CONTENT_SECURITY_POLICY };

export function secureWebPreferences(preloadPath: string): NonNullable<BrowserWindowConstructorOptions['webPreferences']> {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
  };
}

/**
 * The app's own pages: the packaged renderer file, or the dev server in `npm run dev`. Given
 * `appFile`, only that file counts: another local HTML file (a link in a scorecard, an
 * artefact) would otherwise load with the preload's bridge and could start processes.
 */
export function isAppUrl(raw: string, devServerUrl?: string, appFile?: string): boolean {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return false;
  }
  if (u.protocol === 'file:') return appFile === undefined || (u.host === '' && u.pathname === pathToFileURL(appFile).pathname);
  if (devServerUrl) {
    try {
      return u.origin === new URL(devServerUrl).origin;
    } catch {
      return false;
    }
  }
  return false;
}

/** Links we let the OS open: plain https pages, and http only on loopback (a local hub). */
export function isSafeExternalUrl(raw: string): boolean {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return false;
  }
  if (u.username || u.password) return false;
  if (u.protocol === 'https:') return u.hostname.length > 0;
  if (u.protocol === 'http:') return ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);
  return false;
}

/** Electron's opener, loaded lazily so this module's pure rules are testable in plain Node. */
async function electronOpener(url: string): Promise<void> {
  const { shell } = await import('electron');
  await shell.openExternal(url);
}

/** The only way out of the app to the OS. Returns whether the link was opened. */
export async function openExternalSafely(
  raw: string,
  opener: (url: string) => Promise<void> = electronOpener,
): Promise<boolean> {
  if (!isSafeExternalUrl(raw)) return false;
  await opener(new URL(raw).toString());
  return true;
}

export interface AppPages {
  devServerUrl?: string;
  /** The packaged renderer's index.html: the only file:// page the app trusts. */
  appFile: string;
}

/** Whether an IPC message comes from the app's own page (not a page navigated to, not a frame). */
export function isTrustedSender(frame: { url: string; parent: unknown } | null | undefined, pages: AppPages): boolean {
  return !!frame && frame.parent === null && isAppUrl(frame.url, pages.devServerUrl, pages.appFile);
}

export function hardenWebContents(contents: WebContents, opts: AppPages & { openExternal?: (url: string) => Promise<void> }): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, opts.devServerUrl, opts.appFile)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url, opts.devServerUrl, opts.appFile)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, opts.devServerUrl, opts.appFile)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    void openExternalSafely(url, opts.openExternal);
    return { action: 'deny' };
  });
}

/**
 * The dev server URL (`npm run dev` sets ELECTRON_RENDERER_URL), honoured only by an
 * unpackaged app and only on loopback: in a packaged build the variable would let whoever
 * starts the app load any page with the app's API and a CSP that allows inline scripts.
 */
export function devServerUrlFor(isPackaged: boolean, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const raw = env.ELECTRON_RENDERER_URL;
  if (isPackaged || !raw) return undefined;
  try {
    const u = new URL(raw);
    const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname);
    return (u.protocol === 'http:' || u.protocol === 'https:') && loopback ? raw : undefined;
  } catch {
    return undefined;
  }
}

/** The policy for the app's pages: the dev one (inline scripts, the dev server's websocket) only with a dev server. */
export function contentSecurityPolicyFor(devServerUrl: string | undefined): string {
  return devServerUrl ? devCsp(devServerUrl) : CONTENT_SECURITY_POLICY;
}

export function hardenSession(session: Session, devServerUrl?: string): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...details.responseHeaders };
    // The dev server needs its websocket and inline preamble; the packaged app gets the strict policy.
    headers['Content-Security-Policy'] = [contentSecurityPolicyFor(devServerUrl)];
    callback({ responseHeaders: headers });
  });
}

function devCsp(devServerUrl: string): string {
  const u = new URL(devServerUrl);
  return `default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; connect-src 'self' ws://${u.host}; img-src 'self' data:; object-src 'none'`;
}
