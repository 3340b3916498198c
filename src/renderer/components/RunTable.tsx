/**
 * The run history as a virtualised table: only the rows on screen are in the DOM, and pages
 * of runs are fetched as they scroll into view, so 10,000 runs scroll smoothly.
 */
import { useEffect, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { RunSummary } from '../../shared/schemas';
import { href } from '../router';
import { DecisionChip, RunStatusChip } from './StatusChip';
import { fmtDate } from './format';

const ROW = 40;
export const PAGE = 500;

export interface RunPages {
  total: number;
  /** Runs by index; undefined where the page has not arrived. */
  rows: Array<RunSummary | undefined>;
}

export function RunTable({ pages, onNeedPage, label = 'Runs' }: { pages: RunPages; onNeedPage: (page: number) => void; label?: string }): React.JSX.Element {
  const parent = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({ count: pages.total, getScrollElement: () => parent.current, estimateSize: () => ROW, overscan: 12 });
  const items = v.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    for (let p = Math.floor(first / PAGE); p <= Math.floor(last / PAGE); p++) {
      if (pages.rows[p * PAGE] === undefined) onNeedPage(p);
    }
  }, [first, last, pages, onNeedPage]);
  const [focusRow, setFocusRow] = useState(0);

  return (
    <div className="run-table" role="table" aria-label={label} aria-rowcount={pages.total + 1}>
      <div role="rowgroup" className="run-table-head">
        <div role="row" aria-rowindex={1} className="run-row">
          <span role="columnheader">Run</span>
          <span role="columnheader">Project · eval</span>
          <span role="columnheader">Version</span>
          <span role="columnheader">Status</span>
          <span role="columnheader">Decision</span>
          <span role="columnheader">Started</span>
        </div>
      </div>
      <div ref={parent} className="run-table-body" role="rowgroup" style={{ height: Math.min(pages.total * ROW + 2, 640) }}>
        <div style={{ height: v.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const r = pages.rows[item.index];
            return (
              <div
                key={item.key}
                role="row"
                aria-rowindex={item.index + 2}
                className="run-row"
                style={{ transform: `translateY(${item.start}px)`, height: ROW }}
              >
                {r ? (
                  <>
                    <span role="cell" className="mono run-id-cell">
                      <a
                        className="run-id"
                        href={href('runs', r.id)}
                        tabIndex={item.index === focusRow ? 0 : -1}
                        data-row-link=""
                        aria-keyshortcuts="j k Enter"
                        onFocus={() => setFocusRow(item.index)}
                        onKeyDown={(e) => {
                          // j/k as in mail and code review tools, beside the arrows; Enter follows the link.
                          const step = e.key === 'ArrowDown' || e.key === 'j' ? 1 : e.key === 'ArrowUp' || e.key === 'k' ? -1 : 0;
                          if (!step) return;
                          e.preventDefault();
                          const next = Math.min(pages.total - 1, Math.max(0, item.index + step));
                          setFocusRow(next);
                          v.scrollToIndex(next);
                          requestAnimationFrame(() => parent.current?.querySelector<HTMLAnchorElement>(`[aria-rowindex="${next + 2}"] a`)?.focus());
                        }}
                      >
                        {r.id}
                      </a>
                      {r.aaPartner && (
                        // Half of an A/A pair: the same version run twice, so the two are noise, not two candidates.
                        <a
                          className="chip aa-marker"
                          href={href('runs', r.id, 'statistics')}
                          tabIndex={item.index === focusRow ? 0 : -1}
                          title={`A/A pair with run ${r.aaPartner}: the same version run twice, to measure the eval's noise floor`}
                          aria-label={`A/A pair with run ${r.aaPartner}: open its noise floor`}
                          data-aa-partner={r.aaPartner}
                        >
                          A/A
                        </a>
                      )}
                    </span>
                    <span role="cell">
                      {r.project}
                      {r.eval ? ` · ${r.eval}` : ''}
                    </span>
                    <span role="cell">{r.version ?? '—'}</span>
                    <span role="cell">
                      <RunStatusChip status={r.status} />
                    </span>
                    <span role="cell">{r.decision ? <DecisionChip decision={r.decision} /> : '—'}</span>
                    <span role="cell" className="muted">
                      {fmtDate(r.startedAt)}
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
