/**
 * Cold start of the CLI (issue 14): `greenlight --version` and `greenlight gate --eval-report
 * small.json` against `node -e 0`, each a fresh process, interleaved so machine load hits all
 * three alike; medians of 21. Needs the built CLI (`npm run build`). Spawns node itself
 * (hyperfine is not needed), the way `bin/greenlight` starts it.
 */
import { it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { summaryRow } from './lib/summary';

const REPS = 21;
const CLI = resolve(__dirname, '../out/main/cli.js');
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

it('CLI cold start vs node -e 0', { timeout: 10 * 60_000 }, () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
  const dir = mkdtempSync(join(tmpdir(), 'greenlight-bench-cli-'));
  const results = Array.from({ length: 10 }, (_, i) => ({ task_id: `t${i}`, passed: i < 7, outcome: { cost: 0.1, duration_s: 12, status: i < 7 ? 'done' : 'failed', error: null } }));
  writeFileSync(join(dir, 'small.json'), JSON.stringify({ name: 'bench', task_count: 10, pass_count: 7, fail_count: 3, error_count: 0, pass_rate: 0.7, results }));
  const cases: Array<[string, string[], number]> = [
    ['node -e 0 (floor)', ['-e', '0'], 0],
    ['greenlight --version', [CLI, '--version'], 0],
    ['greenlight gate --eval-report small.json', [CLI, 'gate', '--eval-report', 'small.json'], 0],
    ['greenlight --help', [CLI, '--help'], 0],
  ];
  const times = cases.map(() => [] as number[]);
  for (let r = 0; r < REPS + 1; r++) {
    cases.forEach(([name, args, code], i) => {
      const t0 = performance.now();
      const p = spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8' });
      const ms = performance.now() - t0;
      if (p.status !== code) throw new Error(`${name}: exit ${p.status}\n${p.stderr}`);
      if (r > 0) times[i]!.push(ms); // the first round warms the disk cache
    });
  }
  const floor = median(times[0]!);
  const goals = [null, 1.5, 2, null];
  console.log(`\nCLI cold start, median of ${REPS} fresh processes each (interleaved)`);
  console.log('| command | median ms | × node -e 0 | goal |');
  console.log('|---|---:|---:|---|');
  cases.forEach(([name], i) => {
    const ms = median(times[i]!);
    const goal = goals[i];
    console.log(`| ${name} | ${ms.toFixed(1)} | ${(ms / floor).toFixed(2)} | ${goal ? `≤ ${goal}× ${ms / floor <= goal ? '(met)' : '(NOT met)'}` : ''} |`);
    if (i > 0) {
      summaryRow({
        what: `\`${name}\` cold`,
        measured: `${ms.toFixed(1)} ms`,
        baseline: `node -e 0 at ${floor.toFixed(1)} ms`,
        ratio: `${(ms / floor).toFixed(2)}×`,
        goal: goal ? `≤ ${goal}×` : '(no goal; loads no command module)',
        met: goal ? ms / floor <= goal : null,
      });
    }
  });
});
