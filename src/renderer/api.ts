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
    /** Responses public/early.js asked for before this script loaded, by `name {input}`. */
    __greenlightEarly?: Record<string, Promise<Response> | undefined>;
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
  /** The call public/early.js already sent (HTTP only), read as `invoke` would; undefined when it sent none. */
  adopt?(name: CallName, input: unknown): Promise<Envelope> | undefined;
}

const callKey = (name: CallName, input: unknown): string => `${name} ${JSON.stringify(input ?? {})}`;

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
  const envelope = async (sent: Promise<Response>): Promise<Envelope> => {
    let res: Response;
    try {
      res = await sent;
    } catch {
      return { ok: false, error: { code: 'failed', message: 'the Greenlight console host is not reachable; is `greenlight serve` still running?' } };
    }
    if (res.status === 401) {
        // The console restarted (new token) or the cookie is gone: say how to get back in, not raw JSON.
      return { ok: false, error: { code: 'forbidden', message: 'This tab lost its session with the console: greenlight serve was restarted or stopped. Reload the page to see how to get back in, or open the address it printed.' } };
    }
    const body = (await res.json().catch(() => null)) as { value?: unknown; error?: ApiError } | null;
    if (res.ok && body && 'value' in body) return { ok: true, value: body.value };
    return { ok: false, error: body?.error ?? { code: 'failed', message: `HTTP ${res.status}` } };
  };
  return {
    invoke: (name, input) =>
      envelope(
        fetch(`/api/call/${encodeURIComponent(name)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(input ?? {}),
          credentials: 'same-origin',
        }),
      ),
    adopt(name, input) {
      const early = window.__greenlightEarly;
      const key = callKey(name, input);
      const sent = early?.[key];
      if (!early || !sent) return undefined;
      delete early[key]; // handed out once
      return envelope(sent);
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
  const key = callKey(name, input);
  const adopted = transport.adopt?.(name, input);
  const p = adopted ? adopted.then((r) => (r.ok ? (r.value as unknown) : Promise.reject(new ApiCallError(r.error)))) : invoke(name, input as never);
  p.catch(() => {}); // the caller that takes it sees the error
  early.set(key, p);
}

export const api = Object.fromEntries(
  CALL_NAMES.map((name) => [
    name,
    (input: unknown) => {
      const key = callKey(name, input);
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
