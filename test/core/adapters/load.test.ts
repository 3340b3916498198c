/** The lazily loaded adapter table is the eager one, kind for kind. */
import { expect, it } from 'vitest';
import { JSON_ADAPTERS } from '../../../src/core/adapters';
import { JSON_ADAPTER_KINDS, loadJsonAdapter } from '../../../src/core/adapters/load';
import { ARTEFACT_KINDS } from '../../../src/core/artefact';

it('loadJsonAdapter gives the same adapter as JSON_ADAPTERS for every kind, and none for the others', async () => {
  expect(JSON_ADAPTER_KINDS).toEqual(Object.keys(JSON_ADAPTERS));
  for (const kind of ARTEFACT_KINDS) expect(await loadJsonAdapter(kind)).toBe(JSON_ADAPTERS[kind]);
});
