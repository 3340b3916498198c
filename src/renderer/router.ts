/**
 * Hash routes (`#/projects`, `#/projects/<id>`, `#/runs`, `#/runs/<id>[/<section>]`): work
 * from file:// and over HTTP alike. A view's state (tier, filters, compare targets, the
 * selected item) rides in the hash's query, `#/runs/7/compare?against=5`, so a reload or a
 * pasted link opens the same view. Changing it replaces the history entry instead of adding one.
 */
import { useCallback, useEffect, useState } from 'react';

const VIEW_STATE_EVENT = 'greenlight:viewstate';

function splitHash(hash: string): { path: string; query: URLSearchParams } {
  const raw = hash.replace(/^#\/?/, '');
  const q = raw.indexOf('?');
  return q < 0 ? { path: raw, query: new URLSearchParams() } : { path: raw.slice(0, q), query: new URLSearchParams(raw.slice(q + 1)) };
}

export function parseRoute(hash: string): string[] {
  const { path } = splitHash(hash);
  return path ? path.split('/').map(decodeURIComponent) : ['projects'];
}

export function useRoute(): string[] {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = (): void => setRoute((prev) => {
      const next = parseRoute(window.location.hash);
      return next.join('/') === prev.join('/') ? prev : next;
    });
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

export const href = (...parts: string[]): string => `#/${parts.map(encodeURIComponent).join('/')}`;

/** A link with view state: `hrefWith({ against: '5' }, 'runs', '7', 'compare')`. */
export function hrefWith(state: Record<string, string | undefined>, ...parts: string[]): string {
  const q = new URLSearchParams(Object.entries(state).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''));
  const s = q.toString();
  return `${href(...parts)}${s ? `?${s}` : ''}`;
}

export function readViewState(name: string): string | undefined {
  return splitHash(window.location.hash).query.get(name) ?? undefined;
}

/** Set (or with undefined, clear) view-state keys in the address bar without a new history entry. */
export function writeViewState(values: Record<string, string | undefined>): void {
  const { path, query } = splitHash(window.location.hash);
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined || v === '') query.delete(k);
    else query.set(k, v);
  }
  const s = query.toString();
  const next = `#/${path}${s ? `?${s}` : ''}`;
  if (next === window.location.hash) return;
  window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}${next}`);
  window.dispatchEvent(new Event(VIEW_STATE_EVENT));
}

/**
 * One piece of view state kept in the URL, like useState. Generic on purpose: any view can
 * keep its selection this way (the Items tab's selected item uses `item`).
 */
export function useViewState(name: string): [string | undefined, (v: string | undefined) => void] {
  const [value, setValue] = useState(() => readViewState(name));
  useEffect(() => {
    const sync = (): void => setValue(readViewState(name));
    window.addEventListener(VIEW_STATE_EVENT, sync);
    window.addEventListener('hashchange', sync);
    return () => {
      window.removeEventListener(VIEW_STATE_EVENT, sync);
      window.removeEventListener('hashchange', sync);
    };
  }, [name]);
  const set = useCallback((v: string | undefined) => writeViewState({ [name]: v }), [name]);
  return [value, set];
}

/** The selected item of a list view (a gate, a metric, an item id), kept in the URL as `item`. */
export const useSelectedItem = (): [string | undefined, (v: string | undefined) => void] => useViewState('item');
