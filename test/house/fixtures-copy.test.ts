/** The copy of the shared fixtures must not drift from the originals when they are beside us. */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT, SHARED } from '../helpers/cli';

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
}

describe('test/fixtures/shared', () => {
  it.runIf(existsSync(join(SHARED, 'fixtures')))('is byte for byte the shared fixtures', () => {
    const original = join(SHARED, 'fixtures');
    const copy = join(ROOT, 'test', 'fixtures', 'shared');
    const names = files(original).map((f) => relative(original, f)).sort();
    expect(files(copy).map((f) => relative(copy, f)).sort()).toEqual(names);
    for (const n of names) expect(readFileSync(join(copy, n)).equals(readFileSync(join(original, n))), n).toBe(true);
  });
});
