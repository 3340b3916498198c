import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';

// A committed scanner is exactly what its AssemblyScript source compiles to (wasm/README.md).
it('every src/core/wasm/*.wasm.ts is what its wasm/*.ts compiles to', { timeout: 120_000 }, () => {
  const root = join(__dirname, '..', '..');
  expect(() => execFileSync(process.execPath, [join(root, 'scripts', 'build-wasm.mjs'), '--check'], { cwd: root, stdio: 'pipe' })).not.toThrow();
});
