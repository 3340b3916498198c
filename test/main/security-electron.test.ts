/** Electron rules as pure functions (the binary cannot run here): which page may navigate and call. */
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isAppUrl, isTrustedSender } from '../../src/main/security';

const appFile = '/opt/greenlight/out/renderer/index.html';
const app = pathToFileURL(appFile).href;

describe('Electron: only the app page', () => {
  it('navigates to the packaged renderer file only, not to any other local file', () => {
    expect(isAppUrl(app, undefined, appFile)).toBe(true);
    expect(isAppUrl(`${app}#/runs/42`, undefined, appFile)).toBe(true);
    // A relative link in a scorecard, an artefact's HTML, a download: each would get the preload's bridge.
    expect(isAppUrl('file:///opt/greenlight/out/renderer/../../../../home/ana/evil.html', undefined, appFile)).toBe(false);
    expect(isAppUrl('file:///home/ana/project/report.html', undefined, appFile)).toBe(false);
    expect(isAppUrl('file://evil.example/opt/greenlight/out/renderer/index.html', undefined, appFile)).toBe(false);
    expect(isAppUrl('http://localhost:5173/#/runs', 'http://localhost:5173', appFile)).toBe(true);
    expect(isAppUrl('https://example.com/', undefined, appFile)).toBe(false);
  });

  it('answers IPC only for the app page in the top frame', () => {
    const pages = { appFile };
    expect(isTrustedSender({ url: app, parent: null }, pages)).toBe(true);
    expect(isTrustedSender({ url: 'file:///tmp/evil.html', parent: null }, pages)).toBe(false);
    expect(isTrustedSender({ url: app, parent: {} }, pages)).toBe(false);
    expect(isTrustedSender(null, pages)).toBe(false);
  });
});
