/**
 * A run's log: virtualised (hundreds of megabytes must stay responsive), follows the tail
 * unless the reader scrolls up, and searchable (matches highlighted, next/previous).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';

const ROW = 18;

export function LogView({ lines, live }: { lines: readonly string[]; live: boolean }): React.JSX.Element {
  const parent = useRef<HTMLDivElement>(null);
  const [follow, setFollow] = useState(true);
  const [query, setQuery] = useState('');
  const [current, setCurrent] = useState(0);
  const v = useVirtualizer({ count: lines.length, getScrollElement: () => parent.current, estimateSize: () => ROW, overscan: 20 });

  const matches = useMemo(() => {
    const q = query.trim().toLowerCase();
    if (!q) return [] as number[];
    const out: number[] = [];
    lines.forEach((l, i) => {
      if (l.toLowerCase().includes(q)) out.push(i);
    });
    return out;
  }, [lines, query]);

  useEffect(() => {
    if (follow && lines.length > 0 && !query) v.scrollToIndex(lines.length - 1, { align: 'end' });
  }, [lines.length, follow, query, v]);

  const jump = (delta: number): void => {
    if (matches.length === 0) return;
    const next = (current + delta + matches.length) % matches.length;
    setCurrent(next);
    setFollow(false);
    v.scrollToIndex(matches[next] ?? 0, { align: 'center' });
  };

  const onScroll = (): void => {
    const el = parent.current;
    if (!el) return;
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < ROW * 2;
    if (atBottom !== follow) setFollow(atBottom);
  };

  const q = query.trim().toLowerCase();
  const matchLine = matches[current];
  return (
    <section className="log" aria-labelledby="log-title">
      <div className="log-toolbar">
        <h2 id="log-title">Log</h2>
        <span className="muted">{lines.length.toLocaleString()} lines</span>
        <input
          type="search"
          data-search-focus=""
          aria-keyshortcuts="/"
          aria-label="Search the log"
          placeholder="Search the log"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setCurrent(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              jump(e.shiftKey ? -1 : 1);
            }
          }}
        />
        {q && (
          <span className="muted" aria-live="polite">
            {matches.length === 0 ? 'no match' : `${current + 1} of ${matches.length}`}
          </span>
        )}
        <button type="button" onClick={() => jump(-1)} disabled={matches.length === 0} aria-label="Previous match">
          ↑
        </button>
        <button type="button" onClick={() => jump(1)} disabled={matches.length === 0} aria-label="Next match">
          ↓
        </button>
        <label className="follow">
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} /> Follow the tail
        </label>
      </div>
      <div ref={parent} className="log-body" role="log" aria-label="Run log" aria-live={live ? 'off' : undefined} tabIndex={0} onScroll={onScroll}>
        {lines.length === 0 ? (
          <p className="muted log-empty">{live ? 'Waiting for output…' : 'This run wrote no log.'}</p>
        ) : (
          <div style={{ height: v.getTotalSize(), position: 'relative' }}>
            {v.getVirtualItems().map((item) => {
              const line = lines[item.index] ?? '';
              const hit = q !== '' && line.toLowerCase().includes(q);
              return (
                <div
                  key={item.key}
                  className={`log-line${hit ? ' hit' : ''}${item.index === matchLine && hit ? ' current' : ''}`}
                  style={{ transform: `translateY(${item.start}px)`, height: ROW }}
                >
                  <span className="log-no" aria-hidden="true">
                    {item.index + 1}
                  </span>
                  {line}
                </div>
              );
            })}
          </div>
        )}
      </div>
    </section>
  );
}

/**
 * Accumulates text chunks into lines. The buffer's last element is always the line still
 * being written ('' after a newline), so a chunk that splits a line joins it back.
 */
export function appendChunk(buffer: readonly string[], chunk: string): string[] {
  if (!chunk) return buffer as string[];
  const parts = chunk.replace(/\r\n/g, '\n').split('\n');
  const out = buffer.length > 0 ? buffer.slice() : [''];
  out[out.length - 1] = (out[out.length - 1] ?? '') + (parts.shift() ?? '');
  for (const p of parts) out.push(p);
  return out;
}

/** The lines to show: the buffer without its empty in-progress tail. */
export function visibleLines(buffer: readonly string[]): readonly string[] {
  return buffer.length > 0 && buffer[buffer.length - 1] === '' ? buffer.slice(0, -1) : buffer;
}
