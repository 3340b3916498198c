/**
 * A run's items as a virtualised table (like the run history): only the rows on screen are
 * in the DOM, pages arrive as they scroll into view, so 100,000 items scroll smoothly.
 */
import { useEffect, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { StoredItem } from '../../core/items';
import { ITEM_PAGE, type ItemPages } from '../useItemPages';
import { fmtNum } from './format';

const ROW = 36;

export function ItemOutcome({ item }: { item: Pick<StoredItem, 'passed' | 'score'> }): React.JSX.Element {
  if (item.passed === undefined) return <span className="chip">{item.score === undefined ? 'no outcome' : `score ${fmtNum(item.score, 3)}`}</span>;
  return <span className={`chip status-${item.passed ? 'pass' : 'fail'}`}>{item.passed ? 'pass' : 'fail'}</span>;
}

const oneLine = (s: string | undefined): string => (s ?? '').replace(/\s+/g, ' ').trim();

export function ItemTable({ pages, onNeedPage, selected, onSelect }: { pages: ItemPages; onNeedPage: (p: number) => void; selected: number | null; onSelect: (item: StoredItem) => void }): React.JSX.Element {
  const parent = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({ count: pages.total, getScrollElement: () => parent.current, estimateSize: () => ROW, overscan: 12 });
  const vis = v.getVirtualItems();
  const first = vis[0]?.index ?? 0;
  const last = vis[vis.length - 1]?.index ?? 0;
  useEffect(() => {
    for (let p = Math.floor(first / ITEM_PAGE); p <= Math.floor(last / ITEM_PAGE); p++) {
      if (pages.rows[p * ITEM_PAGE] === undefined) onNeedPage(p);
    }
  }, [first, last, pages, onNeedPage]);

  return (
    <div className="run-table item-table" role="table" aria-label="Items" aria-rowcount={pages.total + 1}>
      <div role="rowgroup" className="run-table-head">
        <div role="row" aria-rowindex={1} className="item-row">
          <span role="columnheader">Item</span>
          <span role="columnheader">Outcome</span>
          <span role="columnheader">Category</span>
          <span role="columnheader">Target → output</span>
          <span role="columnheader">Input</span>
        </div>
      </div>
      <div ref={parent} className="run-table-body" role="rowgroup" style={{ height: Math.min(pages.total * ROW + 2, 560) }}>
        <div style={{ height: v.getTotalSize(), position: 'relative' }}>
          {vis.map((row) => {
            const it = pages.rows[row.index];
            return (
              <div key={row.key} role="row" aria-rowindex={row.index + 2} aria-selected={it !== undefined && it.row === selected} className="item-row" style={{ transform: `translateY(${row.start}px)`, height: ROW }}>
                {it ? (
                  <>
                    <span role="cell" className="mono">
                      <button type="button" className="link-button" onClick={() => onSelect(it)}>
                        {it.id}
                        {it.epoch !== undefined ? ` #${it.epoch}` : ''}
                      </button>
                    </span>
                    <span role="cell">
                      <ItemOutcome item={it} />
                    </span>
                    <span role="cell">{it.category ?? '—'}</span>
                    <span role="cell" title={`${it.target ?? ''} → ${it.output ?? ''}`}>
                      {it.target !== undefined || it.output !== undefined ? `${oneLine(it.target) || '—'} → ${oneLine(it.output) || '—'}` : it.error ? `error: ${oneLine(it.error)}` : '—'}
                    </span>
                    <span role="cell" className="muted">
                      {oneLine(it.input).slice(0, 160) || '—'}
                    </span>
                  </>
                ) : (
                  <span role="cell" className="muted">
                    loading…
                  </span>
                )}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
