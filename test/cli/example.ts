/** A fresh copy of the bundled example project for each test (runs write into nothing of it, but tests edit its config). */
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, tempDir } from '../helpers/cli';

const EXAMPLE = join(ROOT, 'resources', 'examples', 'email-triage');

export function exampleCopy(): string {
  const dir = join(tempDir('greenlight-example-'), 'email-triage');
  cpSync(EXAMPLE, dir, { recursive: true });
  return dir;
}
