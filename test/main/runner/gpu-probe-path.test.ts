// The GPU probe skips spawning a tool that PATH cannot hold (issue 14: a run's fixed cost),
// and leaves every PATH it cannot judge by looking to the spawn itself.
import { expect, it } from 'vitest';
import { chmodSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { onPath } from '../../../src/main/runner/gpu-probe';
import { tempDir } from '../../helpers/cli';

it('finds an executable along PATH, not a missing or non-executable one, and does not judge relative entries', () => {
  const bin = tempDir();
  writeFileSync(join(bin, 'amd-smi'), '#!/bin/sh\n');
  chmodSync(join(bin, 'amd-smi'), 0o755);
  writeFileSync(join(bin, 'rocm-smi'), 'not executable');
  expect(onPath('amd-smi', `/nonexistent:${bin}`)).toBe(true);
  expect(onPath('rocm-smi', bin)).toBe(false);
  expect(onPath('nvidia-smi', `${bin}:${dirname(process.execPath)}`)).toBe(false);
  expect(onPath('node', dirname(process.execPath))).toBe(true);
  expect(onPath('nvidia-smi', `${bin}::/usr/bin`)).toBe(true); // an empty entry is the working folder
  expect(onPath('nvidia-smi', `bin:${bin}`)).toBe(true);
  expect(onPath('nvidia-smi', undefined)).toBe(true);
});
