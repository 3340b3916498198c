/**
 * A run's log: what is on disk first, then live `run.log` chunks. Offsets line the two up, so a
 * chunk that arrives while the first read is in flight is neither lost nor shown twice.
 */
import { useEffect, useRef, useState } from 'react';
import { api, onEvent } from './api';
import { appendChunk, visibleLines } from './components/LogView';

export function useRunLog(id: string): { lines: readonly string[]; error: string | undefined } {
  const [buffer, setBuffer] = useState<string[]>([]);
  const [error, setError] = useState<string>();
  const bytes = useRef(0);
  const pending = useRef<Array<{ offset: number; text: string }>>([]);
  const loaded = useRef(false);

  useEffect(() => {
    setBuffer([]);
    bytes.current = 0;
    pending.current = [];
    loaded.current = false;
    let alive = true;
    const apply = (offset: number, text: string): void => {
      // Skip what we already have; keep the part of a chunk beyond it.
      const end = offset + byteLength(text);
      if (end <= bytes.current) return;
      const fresh = offset >= bytes.current ? text : sliceFromByte(text, bytes.current - offset);
      bytes.current = end;
      setBuffer((b) => appendChunk(b, fresh));
    };
    const off = onEvent((e) => {
      if (e.type !== 'run.log' || e.runId !== id) return;
      if (!loaded.current) pending.current.push({ offset: e.offset, text: e.text });
      else apply(e.offset, e.text);
    });
    readLog(id).then(
      ({ text, offset }) => {
        if (!alive) return;
        apply(offset, text);
        loaded.current = true;
        for (const p of pending.current.splice(0)) apply(p.offset, p.text);
      },
      (err: unknown) => {
        if (!alive) return;
        loaded.current = true;
        setError(`The log could not be read: ${err instanceof Error ? err.message : String(err)}`);
      },
    );
    return () => {
      alive = false;
      off();
    };
  }, [id]);

  return { lines: visibleLines(buffer), error };
}

async function readLog(id: string): Promise<{ text: string; offset: number }> {
  // The end of a long log is what matters; the full file stays on disk.
  const r = await api['runs.log']({ id, tail: 1 << 20 });
  return { text: r.text, offset: r.offset };
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
function byteLength(s: string): number {
  return encoder.encode(s).length;
}
function sliceFromByte(s: string, from: number): string {
  return decoder.decode(encoder.encode(s).slice(from));
}
