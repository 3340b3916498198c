/**
 * How `greenlight run` shows a run: a redrawn progress bar on a TTY; otherwise the eval's
 * output passed through and a plain progress line at most every few seconds (CI logs).
 */
import type { GreenlightEvent } from '../../../shared/events';

export function progressView(stream: NodeJS.WriteStream, label: string): { onEvent: (e: GreenlightEvent) => void; done: () => void } {
  const tty = Boolean(stream.isTTY);
  let lastPlain = 0;
  let lastLine = '';
  let drawn = false;
  // Whether the eval's output, passed through, stopped mid-line: Greenlight's own lines start on a fresh one.
  let midLine = false;
  return {
    onEvent(e) {
      if (e.type === 'run.log' && !tty && e.text) {
        stream.write(e.text);
        midLine = !e.text.endsWith('\n');
      }
      if (e.type !== 'run.progress') return;
      const pct = e.fraction === null ? null : Math.round(e.fraction * 100);
      const count = e.total !== null && e.total !== 100 ? `${e.done}/${e.total}` : '';
      const eta = e.etaSeconds !== null ? ` eta ${Math.round(e.etaSeconds)}s` : '';
      if (tty) {
        const width = 30;
        const filled = pct === null ? 0 : Math.round((pct / 100) * width);
        stream.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${pct ?? '?'}% ${count}${eta}   `);
        drawn = true;
      } else if (Date.now() - lastPlain > 2000 || e.fraction === 1) {
        const line = `greenlight: ${label} progress ${count || `${pct ?? '?'}%`}${pct !== null && count ? ` (${pct}%)` : ''}${eta}\n`;
        // The run's end repeats a complete count the eval printed itself: once is enough.
        if (line === lastLine) return;
        lastPlain = Date.now();
        lastLine = line;
        if (midLine) stream.write('\n');
        midLine = false;
        stream.write(line);
      }
    },
    done() {
      if ((tty && drawn) || midLine) stream.write('\n');
      midLine = false;
    },
  };
}
