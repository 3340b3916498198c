/** Hash routes (`#/projects`, `#/projects/<id>`, `#/runs`, `#/runs/<id>[/<section>]`): work from file:// and over HTTP alike. */
import { useEffect, useState } from 'react';

export function parseRoute(hash: string): string[] {
  const path = hash.replace(/^#\/?/, '');
  return path ? path.split('/').map(decodeURIComponent) : ['projects'];
}

export function useRoute(): string[] {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = (): void => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

export const href = (...parts: string[]): string => `#/${parts.map(encodeURIComponent).join('/')}`;
