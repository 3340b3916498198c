/**
 * The example eval ends with a summary line shaped like a counter — `accuracy 0.9045 (199/220)`
 * — after its last item `220/220`. A run of it that ended shows 220/220 (100%), live and stored,
 * whether it succeeded or its eval then exited with an error; the real example project, run by
 * the real runner.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { exampleCopy } from '../../cli/example';
import { closeContext, openStore, runEval } from './helpers';

describe("the example's closing summary is not progress", () => {
  for (const [name, env, status] of [
    ['a run that succeeds', {}, 'succeeded'],
    ['an eval that exits 4 after its summary', { TRIAGE_EXIT_CODE: '4' }, 'failed'],
  ] as const) {
    it(`${name} ends at 220/220 (100%)`, { timeout: 60_000 }, async () => {
      const ctx = openStore();
      try {
        const run = await runEval(ctx, exampleCopy(), { env: { ...process.env, TRIAGE_DELAY_MS: '2', ...env } });
        expect(run.status).toBe(status);
        expect(readFileSync(run.logPath ?? '', 'utf8')).toMatch(/\n220\/220 [^\n]*\naccuracy 0\.\d+ \(\d+\/220\); artefacts in /);
        expect(run.progress).toMatchObject({ done: 220, total: 220, fraction: 1 });
        const shown = ctx.events$.flatMap((e) => (e.type === 'run.progress' ? [e.done] : []));
        expect(shown.length).toBeGreaterThan(1);
        // Once at 220, the progress never falls back to the summary's count.
        expect(shown.slice(shown.indexOf(220))).toEqual(shown.slice(shown.indexOf(220)).map(() => 220));
        expect(shown.at(-1)).toBe(220);
      } finally {
        closeContext(ctx);
      }
    });
  }
});
