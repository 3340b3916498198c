import { describe, expect, it } from 'vitest';
import { allowedHosts, cookieValue, hostAllowed, isLoopbackAddress, originAllowed, redactUrl, tokenSource } from '../../src/main/web/guard';

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
    expect(tokenSource({ url: url('?token=secret-token') }, t)).toBe('query');
    expect(tokenSource({ url: url(''), authorization: 'Bearer secret-token' }, t)).toBe('header');
    expect(tokenSource({ url: url(''), cookie: 'a=1; greenlight_token=secret-token' }, t)).toBe('cookie');
    expect(tokenSource({ url: url('?token=wrong') }, t)).toBeNull();
    expect(tokenSource({ url: url('') }, t)).toBeNull();
    expect(cookieValue('x=1;  greenlight_token=a%20b', 'greenlight_token')).toBe('a b');
  });

  it('never lets the token into a logged URL', () => {
    expect(redactUrl('/?token=abc&x=1')).toBe('/?token=[redacted]&x=1');
  });
});
