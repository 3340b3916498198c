/**
 * The batch script quotes every argument (issue 17): whatever greenlight.yaml holds — quotes,
 * `$(…)`, backticks, globs, newlines, `;` — the program receives exactly those bytes and the
 * shell runs nothing else. Checked by running the generated script with the real bash.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { batchScript } from '../../../src/core/pipeline/batch-script';
import { tempDir } from '../../helpers/cli';

const HOSTILE = ["'", '"', '$(touch PWNED)', '`touch PWNED`', '$HOME', '*', '~', ';', '&&', '|', '\n', '\\', '!', '#', '{a,b}', ' ', '\t', '%', '-', "'\\''"];

describe('batch script quoting', () => {
  it('a hostile argv reaches the program byte for byte, and nothing runs', () => {
    const dir = tempDir('greenlight-batch-');
    const dump = join(dir, 'dump.js');
    writeFileSync(dump, "require('fs').writeFileSync(process.argv[2], JSON.stringify({ argv: process.argv.slice(3), env: process.env.GL_X }))");
    const word = fc.array(fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ unit: 'grapheme', maxLength: 6 })), { maxLength: 6 }).map((parts) => parts.join('').replace(/\0/g, ''));
    fc.assert(
      fc.property(fc.array(word, { minLength: 0, maxLength: 5 }), word, (args, envValue) => {
        const out = join(dir, 'out.json');
        const script = batchScript({ runId: 'r', stage: 's', cwd: dir, jobs: [{ argv: [process.execPath, dump, out, ...args], env: { GL_X: envValue } }], exitFile: join(dir, 'exit-{task}'), sbatch: ['sbatch', ...args] });
        const path = join(dir, 'job.sh');
        writeFileSync(path, script);
        const r = spawnSync('bash', [path], { cwd: dir, env: { PATH: process.env.PATH, SLURM_ARRAY_TASK_ID: '0' }, encoding: 'utf8' });
        expect(r.status).toBe(0);
        expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual({ argv: args, env: envValue });
        expect(readFileSync(join(dir, 'exit-0'), 'utf8')).toBe('0\n');
        expect(existsSync(join(dir, 'PWNED'))).toBe(false);
      }),
      { numRuns: 30, seed: 17 },
    );
  });

  it("records the command's own exit code beside its log", () => {
    const dir = tempDir('greenlight-batch-');
    const script = batchScript({ runId: 'r', stage: 's', cwd: dir, jobs: [{ argv: ['sh', '-c', 'exit 3'], env: {} }], exitFile: join(dir, 's-{task}.exit'), sbatch: [] });
    writeFileSync(join(dir, 'job.sh'), script);
    expect(spawnSync('bash', [join(dir, 'job.sh')], { env: { PATH: process.env.PATH } }).status).toBe(3);
    expect(readFileSync(join(dir, 's-0.exit'), 'utf8')).toBe('3\n');
  });
});
