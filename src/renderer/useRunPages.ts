/** Paged loading of the run list for the virtualised table, reset whenever the query changes. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, onEvent } from './api';
import type { RunListQuery, RunSummary } from '../shared/schemas';
import { PAGE, type RunPages } from './components/RunTable';

/** Loaded pages tagged with the query generation they were fetched for. */
export interface PagesState {
  gen: number;
  total: number;
  rows: RunPages['rows'];
}

/**
 * Put one fetched page into the list. Rows already held are kept only when they belong to the same
 * query generation and the total is unchanged; otherwise (a new filter, even one with the same
 * total) the other pages start empty so they are fetched again instead of showing the old filter's rows.
 */
export function mergePage(prev: PagesState | undefined, gen: number, total: number, page: number, runs: readonly RunSummary[]): PagesState {
  const rows = prev && prev.gen === gen && prev.total === total ? prev.rows.slice() : new Array<RunPages['rows'][number]>(total);
  runs.forEach((r, i) => (rows[page * PAGE + i] = r));
  return { gen, total, rows };
}

export function useRunPages(query: Omit<RunListQuery, 'limit' | 'offset'>): { pages: RunPages | undefined; error: string | undefined; needPage: (p: number) => void; reload: () => void } {
  const [state, setState] = useState<PagesState>();
  const [error, setError] = useState<string>();
  const [tick, setTick] = useState(0);
  const asked = useRef(new Set<number>());
  const key = JSON.stringify(query);
  // `request` discards answers to superseded requests; `filterGen` changes only with the query.
  const request = useRef(0);
  const filterGen = useRef(0);
  const lastKey = useRef(key);

  const load = useCallback(
    (page: number, req: number) => {
      if (asked.current.has(page)) return;
      asked.current.add(page);
      const gen = filterGen.current;
      api['runs.list']({ ...(JSON.parse(key) as RunListQuery), limit: PAGE, offset: page * PAGE }).then(
        (res) => {
          if (req !== request.current) return;
          setError(undefined);
          setState((prev) => mergePage(prev, gen, res.total, page, res.runs));
        },
        (err: unknown) => req === request.current && setError(err instanceof Error ? err.message : String(err)),
      );
    },
    [key],
  );

  useEffect(() => {
    if (lastKey.current !== key) {
      lastKey.current = key;
      filterGen.current++;
    }
    const req = ++request.current;
    asked.current = new Set();
    load(0, req);
  }, [key, load, tick]);

  // A run that starts or ends elsewhere changes the list: refresh the first page.
  useEffect(
    () =>
      onEvent((e) => {
        if (e.type === 'run.status') setTick((t) => t + 1);
      }),
    [],
  );

  const needPage = useCallback((p: number) => load(p, request.current), [load]);
  return { pages: state, error, needPage, reload: () => setTick((t) => t + 1) };
}
