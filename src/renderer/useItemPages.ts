/** Paged loading of a run's items for the virtualised table, started again whenever the filters change. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from './api';
import type { StoredItem } from '../core/items';
import type { CallInput, CallOutput } from '../shared/contract';

export const ITEM_PAGE = 200;

export type ItemFilters = Omit<CallInput<'items.list'>, 'runId' | 'offset' | 'limit'>;

export interface ItemPages {
  total: number;
  rows: Array<StoredItem | undefined>;
  categories: string[];
  flips: CallOutput<'items.list'>['flips'];
}

export function useItemPages(runId: string, filters: ItemFilters): { pages: ItemPages | undefined; error: string | undefined; needPage: (p: number) => void } {
  const [pages, setPages] = useState<ItemPages>();
  const [error, setError] = useState<string>();
  const key = JSON.stringify(filters);
  const gen = useRef(0);
  const asked = useRef(new Set<number>());

  const load = useCallback(
    (page: number, g: number) => {
      if (asked.current.has(page)) return;
      asked.current.add(page);
      api['items.list']({ runId, ...(JSON.parse(key) as ItemFilters), offset: page * ITEM_PAGE, limit: ITEM_PAGE }).then(
        (res) => {
          if (g !== gen.current) return; // an answer for filters since changed
          setError(undefined);
          setPages((prev) => {
            const rows = prev && page > 0 && prev.total === res.total ? prev.rows.slice() : new Array<StoredItem | undefined>(res.total);
            res.items.forEach((it, i) => (rows[page * ITEM_PAGE + i] = it));
            return { total: res.total, rows, categories: res.categories, flips: res.flips };
          });
        },
        (err: unknown) => g === gen.current && setError(err instanceof Error ? err.message : String(err)),
      );
    },
    [runId, key],
  );

  useEffect(() => {
    const g = ++gen.current;
    asked.current = new Set();
    load(0, g);
  }, [load]);

  const needPage = useCallback((p: number) => load(p, gen.current), [load]);
  return { pages, error, needPage };
}
