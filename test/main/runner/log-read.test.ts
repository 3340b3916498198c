/** Reading a run's log by byte range: the catch-up behind `runs.log` for late joiners and gaps. */
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../helpers/cli';
import { readLogRange, tailOffset } from '../../../src/main/runner/log-read';

describe('readLogRange', () => {
  const file = join(tempDir(), 'log.txt');
  const text = 'héllo wörld — ünïcode ✓\n'.repeat(100);
  writeFileSync(file, text);
  const size = Buffer.byteLength(text);

  it('reads consecutive ranges that join back into the whole log', () => {
    let offset = 0;
    let out = '';
    for (let i = 0; i < 1000 && offset < size; i++) {
      const r = readLogRange(file, offset, 7);
      out += r.text;
      expect(r.nextOffset).toBeGreaterThan(offset);
      offset = r.nextOffset;
    }
    expect(out).toBe(text);
  });

  it('a tail that starts inside a character starts at the next whole one', () => {
    const r = readLogRange(file, tailOffset(file, 10), 10);
    expect(r.text).not.toContain('\ufffd');
    expect(text.endsWith(r.text)).toBe(true);
    expect(r.size).toBe(size);
  });

  it('a missing log reads as empty', () => {
    expect(readLogRange(join(tempDir(), 'none'), 0, 10)).toEqual({ offset: 0, text: '', nextOffset: 0, size: 0 });
  });
});
