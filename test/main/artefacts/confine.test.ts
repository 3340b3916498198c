/** `within`: inside-or-equal, by path segments, not by string prefix. */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { within } from '../../../src/main/artefacts/confine';

describe('within', () => {
  const root = join('/tmp', 'run');
  it('a name starting with ".." is inside; a parent or sibling is not', () => {
    expect(within(join(root, '..foo'), root)).toBe(true);
    expect(within(join(root, '..'), root)).toBe(false);
    expect(within(join(root, '..', 'other'), root)).toBe(false);
    expect(within(root, root)).toBe(true);
    expect(within(join(root, 'a', 'b'), root)).toBe(true);
  });
});
