/** Paged loading of the run list for the virtualised table, reset whenever the query changes. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from './api';
import type { RunListQuery } from '../shared/schemas';
import { PAGE, type RunPages } from './components/RunTable';
import { onEvent } from './api';

export function useRunPages(query: Omit<RunListQuery, 'limit' | 'offset'>): { pages: RunPages | undefined; error: string | undefined; needPage: (p: number) => void; reload: () => void } {
  const [pages, setPages] = useState<RunPages>();
  const [error, setError] = useState<string>();
  const [tick, setTick] = useState(0);
  const asked = useRef(new Set<number>());
  const key = JSON.stringify(query);
  const generation = useRef(0);

  const load = useCallback(
    (page: number, gen: number) => {
      if (asked.current.has(page)) return;
      asked.current.add(page);
      api['runs.list']({ ...(JSON.parse(key) as RunListQuery), limit: PAGE, offset: page * PAGE }).then(
        (res) => {
          if (gen !== generation.current) return;
          setError(undefined);
          setPages((prev) => {
            const rows = prev && prev.total === res.total ? prev.rows.slice() : new Array<RunPages['rows'][number]>(res.total);
            res.runs.forEach((r, i) => (rows[page * PAGE + i] = r));
            return { total: res.total, rows };
          });
        },
        (err: unknown) => gen === generation.current && setError(err instanceof Error ? err.message : String(err)),
      );
    },
    [key],
  );

  useEffect(() => {
    const gen = ++generation.current;
    asked.current = new Set();
    load(0, gen);
  }, [load, tick]);

  // A run that starts or ends elsewhere changes the list: refresh the first page.
  useEffect(
    () =>
      onEvent((e) => {
        if (e.type === 'run.status') setTick((t) => t + 1);
      }),
    [],
  );

  const needPage = useCallback((p: number) => load(p, generation.current), [load]);
  return { pages, error, needPage, reload: () => setTick((t) => t + 1) };
}
