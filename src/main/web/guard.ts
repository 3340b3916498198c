/**
 * The browser console can start processes, so every request is checked before anything
 * else: the Host header must name the loopback address and port we bound (DNS rebinding),
 * the per-start token must come with the request (query once, then an HttpOnly cookie or a
 * header), and state-changing calls must come from our own Origin. Pure functions, unit-tested.
 */
import { timingSafeEqual } from 'node:crypto';

/**
 * The session cookie's name, per port: cookies are scoped to the host, not the port, so with
 * one name a second `greenlight serve` on the same machine overwrote the first's session.
 */
export function tokenCookieName(port: number): string {
  return `greenlight_token_${port}`;
}
const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

export function allowedHosts(port: number, boundHost: string): Set<string> {
  const names = new Set(LOOPBACK_NAMES);
  names.add(boundHost.includes(':') && !boundHost.startsWith('[') ? `[${boundHost}]` : boundHost);
  return new Set([...names].map((n) => `${n}:${port}`));
}

export function isLoopbackAddress(host: string): boolean {
  return host === '127.0.0.1' || host === '::1' || host === 'localhost' || /^127(\.\d{1,3}){3}$/.test(host);
}

export function hostAllowed(hostHeader: string | undefined, allowed: Set<string>): boolean {
  return hostHeader !== undefined && allowed.has(hostHeader.toLowerCase());
}

export function originAllowed(origin: string | undefined, allowed: Set<string>): boolean {
  if (origin === undefined) return false;
  try {
    const u = new URL(origin);
    return u.protocol === 'http:' && allowed.has(u.host.toLowerCase());
  } catch {
    return false;
  }
}

export function tokensEqual(a: string | undefined, b: string): boolean {
  if (a === undefined) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function cookieValue(cookieHeader: string | undefined, name: string): string | undefined {
  if (!cookieHeader) return undefined;
  for (const part of cookieHeader.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) {
      // A malformed % escape is not a token (401), never an exception (500).
      try {
        return decodeURIComponent(part.slice(i + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

export type TokenSource = 'query' | 'cookie' | 'header' | null;

/** Where a valid token came from, or null; `cookieName` is this server's (`tokenCookieName(port)`). */
export function tokenSource(
  req: { url: URL; cookie?: string; authorization?: string; tokenHeader?: string },
  token: string,
  cookieName: string,
): TokenSource {
  if (tokensEqual(req.url.searchParams.get('token') ?? undefined, token)) return 'query';
  const bearer = req.authorization?.startsWith('Bearer ') ? req.authorization.slice(7) : undefined;
  if (tokensEqual(bearer, token) || tokensEqual(req.tokenHeader, token)) return 'header';
  if (tokensEqual(cookieValue(req.cookie, cookieName), token)) return 'cookie';
  return null;
}

/** A URL safe to log: the token never appears in logs. */
export function redactUrl(raw: string): string {
  return raw.replace(/([?&]token=)[^&#]*/g, '$1[redacted]');
}

export { CONTENT_SECURITY_POLICY } from '../../shared/csp';
