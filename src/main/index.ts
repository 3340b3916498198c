/**
 * Electron entry: wiring only. The window is hardened by `security.ts`; every IPC call goes
 * through `dispatch`, which validates its input with the contract's schema.
 */
import { app, BrowserWindow, ipcMain, session } from 'electron';
import { join } from 'node:path';
import { CALL_NAMES, IPC_EVENT_CHANNEL, ipcChannel } from '../shared/contract';
import { closeContext, createContext, type AppContext } from './context/context';
import { dispatch } from './api';
import { devServerUrlFor, hardenSession, hardenWebContents, isTrustedSender, secureWebPreferences } from './security';

const devServerUrl = devServerUrlFor(app.isPackaged);
const appFile = join(__dirname, '../renderer/index.html');
const pages = { devServerUrl, appFile };
let ctx: AppContext | undefined;

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 860,
    show: false,
    title: 'Greenlight',
    webPreferences: secureWebPreferences(join(__dirname, '../preload/index.cjs')),
  });
  hardenWebContents(win.webContents, pages);
  win.once('ready-to-show', () => win.show());
  if (devServerUrl) void win.loadURL(devServerUrl);
  else void win.loadFile(appFile);
  return win;
}

app.enableSandbox();
app.on('web-contents-created', (_e, contents) => {
  hardenWebContents(contents, pages);
});

void app.whenReady().then(() => {
  ctx = createContext({ face: 'desktop', electronUserData: app.getPath('userData'), root: join(__dirname, '..', '..'), seedExample: true });
  const context = ctx;
  hardenSession(session.defaultSession, devServerUrl);
  for (const name of CALL_NAMES) {
    ipcMain.handle(ipcChannel(name), (event, input: unknown) =>
      isTrustedSender(event.senderFrame, pages)
        ? dispatch(context, name, input)
        : { ok: false, error: { code: 'forbidden', message: 'calls are answered for the app page only' } },
    );
  }
  context.events.subscribe((event) => {
    for (const w of BrowserWindow.getAllWindows()) w.webContents.send(IPC_EVENT_CHANNEL, event);
  });
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
app.on('will-quit', () => {
  if (ctx) closeContext(ctx);
});
