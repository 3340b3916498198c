/**
 * The preload exposes the contract's calls by name, and an event subscription; never
 * `ipcRenderer` itself. Sandboxed preloads may only require 'electron', so the call names
 * come from the bundled contract module (no zod needed at runtime here).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CALL_NAMES, IPC_EVENT_CHANNEL, ipcChannel } from '../shared/channels';
import type { GreenlightEvent } from '../shared/events';
import type { DesktopBridge } from '../shared/bridge';

const calls = Object.fromEntries(
  CALL_NAMES.map((name) => [name, (input: unknown) => ipcRenderer.invoke(ipcChannel(name), input)]),
) as DesktopBridge['calls'];

const bridge = {
  calls,
  onEvent(listener: (event: GreenlightEvent) => void): () => void {
    const handler = (_e: IpcRendererEvent, event: GreenlightEvent): void => listener(event);
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
    return () => ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler);
  },
} satisfies DesktopBridge;

contextBridge.exposeInMainWorld('greenlight', bridge);
