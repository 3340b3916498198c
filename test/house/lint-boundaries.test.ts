/**
 * The boundaries of ARCHITECTURE.md are enforced by lint: a deliberate `import 'node:fs'`
 * in src/core, or src/renderer importing src/main, fails `eslint`.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers/cli';

function lintWith(file: string, content: string): { code: number; out: string } {
  const path = join(ROOT, file);
  writeFileSync(path, content);
  try {
    const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/eslint/bin/eslint.js'), '--no-cache', path], { cwd: ROOT, encoding: 'utf8' });
    return { code: r.status ?? -1, out: r.stdout + r.stderr };
  } finally {
    rmSync(path, { force: true });
  }
}

describe('lint enforces the architecture', () => {
  it('fails when src/core imports node:fs', () => {
    const r = lintWith('src/core/__lint_probe__.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n");
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/src\/core is pure/);
  });

  it('fails when src/core imports electron', () => {
    const r = lintWith('src/core/__lint_probe2__.ts', "import { app } from 'electron';\nexport const x = app;\n");
    expect(r.code).toBe(1);
  });

  it('fails when the renderer imports src/main', () => {
    const r = lintWith('src/renderer/__lint_probe__.ts', "import { services } from '../main/api';\nexport const x = services;\n");
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/only through its API client/);
  });

  it('fails when a room of main imports the service table (arrows run down, not back up to api/)', () => {
    const r = lintWith('src/main/runner/__lint_probe__.ts', "import { dispatch } from '../api';\nexport const x = dispatch;\n");
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/Only the hosts of the contract/);
    const deep = lintWith('src/main/cli/__lint_probe__.ts', "import type { Handler } from '../api/service';\nexport type X = Handler<'app.info'>;\n");
    expect(deep.code).toBe(1);
  });

  it('fails when a room of main other than the project loader parses YAML', () => {
    const r = lintWith('src/main/publish/__lint_probe__.ts', "import { parse } from 'yaml';\nexport const x = parse;\n");
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/read only by the project loader/);
    expect(lintWith('src/main/project/__lint_probe__.ts', "import { parse } from 'yaml';\nexport const x = parse;\n").code).toBe(0);
  });

  it('passes for a pure core module', () => {
    const r = lintWith('src/core/__lint_probe3__.ts', "import { z } from 'zod';\nexport const x = z.number();\n");
    expect(r.code).toBe(0);
  });
});
