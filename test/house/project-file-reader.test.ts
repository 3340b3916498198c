/**
 * One answer to "where is greenlight.yaml read?": src/main/project. Lint keeps YAML parsing
 * there (lint-boundaries.test.ts); this keeps every other room from building the project
 * file's path to read it itself — they ask the loader (readProjectDocument, loadProject,
 * projectFilePath) instead.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from '../helpers/cli';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? sources(p) : /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

describe('only the project loader reads greenlight.yaml', () => {
  it('no file outside src/main/project builds the project file’s path', () => {
    const offenders = sources(join(ROOT, 'src'))
      .map((f) => relative(ROOT, f))
      .filter((f) => !f.startsWith('src/main/project/'))
      .filter((f) => /(join|resolve)\([^)]*(PROJECT_FILE|POLICY_FILE|['"`]greenlight\.yaml['"`])/.test(readFileSync(join(ROOT, f), 'utf8')));
    expect(offenders).toEqual([]);
  });

});
