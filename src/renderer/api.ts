/**
 * The renderer's one API client. In the desktop app the preload puts the calls on
 * `window.greenlight` (IPC); in the browser console the same calls go over HTTP to the
 * loopback host, and events arrive as server-sent events. Views only see `api` and `onEvent`.
 */
import type { CallInput, CallName, CallOutput, GreenlightApi, ApiError } from '../shared/contract';
import { CALL_NAMES } from '../shared/channels';
import type { DesktopBridge, Envelope } from '../shared/bridge';
import type { GreenlightEvent } from '../shared/events';

declare global {
  interface Window {
    greenlight?: DesktopBridge;
  }
}

export class ApiCallError extends Error {
  readonly code: ApiError['code'];
  readonly problems: ApiError['problems'];
  constructor(error: ApiError) {
    super(error.message);
    this.name = 'ApiCallError';
    this.code = error.code;
    this.problems = error.problems;
  }
}

interface Transport {
  invoke(name: CallName, input: unknown): Promise<Envelope>;
  onEvent(listener: (e: GreenlightEvent) => void): () => void;
}

function httpTransport(): Transport {
  const listeners = new Set<(e: GreenlightEvent) => void>();
  let source: EventSource | null = null;
  const connect = (): void => {
    if (source) return;
    source = new EventSource('/api/events');
    source.onmessage = (msg) => {
      const event = JSON.parse(msg.data as string) as GreenlightEvent;
      for (const l of listeners) l(event);
    };
  };
  return {
    async invoke(name, input) {
      let res: Response;
      try {
        res = await fetch(`/api/call/${encodeURIComponent(name)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(input ?? {}),
          credentials: 'same-origin',
        });
      } catch {
        return { ok: false, error: { code: 'failed', message: 'the Greenlight console host is not reachable; is `greenlight serve` still running?' } };
      }
      const body = (await res.json().catch(() => null)) as { value?: unknown; error?: ApiError } | null;
      if (res.ok && body && 'value' in body) return { ok: true, value: body.value };
      return { ok: false, error: body?.error ?? { code: 'failed', message: `HTTP ${res.status}` } };
    },
    onEvent(listener) {
      listeners.add(listener);
      connect();
      return () => listeners.delete(listener);
    },
  };
}

function ipcTransport(bridge: DesktopBridge): Transport {
  return {
    invoke: (name, input) => bridge.calls[name](input),
    onEvent: (listener) => bridge.onEvent(listener),
  };
}

const transport: Transport = typeof window !== 'undefined' && window.greenlight ? ipcTransport(window.greenlight) : httpTransport();

async function invoke<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> {
  const r = await transport.invoke(name, input);
  if (!r.ok) throw new ApiCallError(r.error);
  return r.value as CallOutput<N>;
}

/**
 * Calls started before React renders (main.tsx), so the first screen's data is on its way
 * while the script is still being evaluated. Each is handed out once, to the first caller
 * with the same input; later calls go to the host as usual.
 */
const early = new Map<string, Promise<unknown>>();
export function callEarly(name: CallName, input: object = {}): void {
  const key = `${name} ${JSON.stringify(input)}`;
  const p = invoke(name, input as never);
  p.catch(() => {}); // the caller that takes it sees the error
  early.set(key, p);
}

export const api = Object.fromEntries(
  CALL_NAMES.map((name) => [
    name,
    (input: unknown) => {
      const key = `${name} ${JSON.stringify(input ?? {})}`;
      const p = early.get(key);
      if (p) {
        early.delete(key);
        return p;
      }
      return invoke(name, input as never);
    },
  ]),
) as unknown as GreenlightApi;

export const onEvent = (listener: (e: GreenlightEvent) => void): (() => void) => transport.onEvent(listener);
