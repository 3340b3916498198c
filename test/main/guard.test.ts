import { describe, expect, it } from 'vitest';
import { allowedHosts, cookieValue, hostAllowed, isLoopbackAddress, originAllowed, redactUrl, tokenCookieName, tokenSource } from '../../src/main/web/guard';

describe('browser console guard', () => {
  const allowed = allowedHosts(8123, '127.0.0.1');

  it('accepts only loopback Host headers with our port (DNS rebinding)', () => {
    expect(hostAllowed('127.0.0.1:8123', allowed)).toBe(true);
    expect(hostAllowed('localhost:8123', allowed)).toBe(true);
    expect(hostAllowed('evil.example:8123', allowed)).toBe(false);
    expect(hostAllowed('127.0.0.1:9999', allowed)).toBe(false);
    expect(hostAllowed(undefined, allowed)).toBe(false);
  });

  it('accepts state changes only from our own origin', () => {
    expect(originAllowed('http://127.0.0.1:8123', allowed)).toBe(true);
    expect(originAllowed('http://evil.example', allowed)).toBe(false);
    expect(originAllowed('https://127.0.0.1:8123', allowed)).toBe(false);
    expect(originAllowed('null', allowed)).toBe(false);
    expect(originAllowed(undefined, allowed)).toBe(false);
  });

  it('binds loopback only', () => {
    expect(isLoopbackAddress('127.0.0.1')).toBe(true);
    expect(isLoopbackAddress('::1')).toBe(true);
    expect(isLoopbackAddress('0.0.0.0')).toBe(false);
    expect(isLoopbackAddress('192.168.1.10')).toBe(false);
  });

  it('finds the token in the query, a header or the cookie, and nowhere else', () => {
    const t = 'secret-token';
    const url = (q: string): URL => new URL(`http://127.0.0.1:8123/${q}`);
    expect(tokenSource({ url: url('?token=secret-token') }, t, tokenCookieName(8123))).toBe('query');
    expect(tokenSource({ url: url(''), authorization: 'Bearer secret-token' }, t, tokenCookieName(8123))).toBe('header');
    expect(tokenSource({ url: url(''), cookie: 'a=1; greenlight_token_8123=secret-token' }, t, tokenCookieName(8123))).toBe('cookie');
    expect(tokenSource({ url: url('?token=wrong') }, t, tokenCookieName(8123))).toBeNull();
    expect(tokenSource({ url: url('') }, t, tokenCookieName(8123))).toBeNull();
    expect(cookieValue('x=1;  greenlight_token=a%20b', 'greenlight_token')).toBe('a b');
  });

  it('names the session cookie after the port, so two consoles on one machine keep their own (cookies ignore the port)', () => {
    expect(tokenCookieName(8123)).toBe('greenlight_token_8123');
    expect(tokenCookieName(8123)).not.toBe(tokenCookieName(8124));
    const url = new URL('http://127.0.0.1:8123/');
    const jar = 'greenlight_token_8123=token-a; greenlight_token_8124=token-b';
    expect(tokenSource({ url, cookie: jar }, 'token-a', tokenCookieName(8123))).toBe('cookie');
    expect(tokenSource({ url, cookie: jar }, 'token-b', tokenCookieName(8124))).toBe('cookie');
    // Another console's cookie, or the old port-less name, is not this console's session.
    expect(tokenSource({ url, cookie: jar }, 'token-b', tokenCookieName(8123))).toBeNull();
    expect(tokenSource({ url, cookie: 'greenlight_token=token-a' }, 'token-a', tokenCookieName(8123))).toBeNull();
  });

  it('never lets the token into a logged URL', () => {
    expect(redactUrl('/?token=abc&x=1')).toBe('/?token=[redacted]&x=1');
  });
});
