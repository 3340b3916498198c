/**
 * What the desktop preload puts on `window.greenlight`. Each call answers with the same
 * `{ok, value} | {ok: false, error}` envelope that `dispatch` produces, so the renderer's
 * one client handles IPC and HTTP alike.
 */
import type { CallName } from './contract';
import type { GreenlightEvent } from './events';
import type { ApiError } from './contract';

export type Envelope = { ok: true; value: unknown } | { ok: false; error: ApiError };

export interface DesktopBridge {
  calls: Record<CallName, (input: unknown) => Promise<Envelope>>;
  onEvent(listener: (event: GreenlightEvent) => void): () => void;
}
