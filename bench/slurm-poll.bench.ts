/**
 * Slurm polling cost with 1,000 jobs in flight (issue 17), on the one-node test cluster: a
 * 1,000-task array is submitted held (all in flight, none running), then Greenlight's poll —
 * one squeue call for all of a run's jobs — is timed against one squeue call for a single job
 * measured in the same run (what a poller that asks per job pays 1,000 times). Also the
 * submit-to-start latency of a single job (sbatch returned → its script's first line ran).
 * Needs slurm-wlm and munge; prints why when they are missing.
 */
import { it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SlurmClient } from '../src/main/pipeline/slurm-client';

const SCRIPT = join(__dirname, '..', 'scripts', 'slurm-test-cluster.sh');
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

it('squeue cost with 1,000 array tasks in flight, and submit-to-start latency', async () => {
  if (!existsSync('/usr/sbin/slurmctld')) {
    console.log('slurm-poll bench: SKIPPED — slurm-wlm is not installed');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'greenlight-slurm-bench-'));
  execFileSync(SCRIPT, ['start', dir]);
  const env = { ...process.env, SLURM_CONF: join(dir, 'slurm.conf') };
  const client = new SlurmClient(env);
  try {
    const script = join(dir, 'job.sh');
    writeFileSync(script, `#!/bin/sh\ndate +%s.%N > '${dir}/started-'"$SLURM_JOB_ID"\n`, { mode: 0o755 });
    // Submit-to-start: one job at a time on an idle node.
    const latency: number[] = [];
    let lastSingle = '';
    for (let i = 0; i < 7; i++) {
      const t0 = Date.now() / 1000;
      const id = await client.submit(script, [`--output=${dir}/lat-%j.log`], dir);
      const file = join(dir, `started-${id}`);
      while (!existsSync(file) || readFileSync(file, 'utf8').trim() === '') await new Promise((r) => setTimeout(r, 20));
      latency.push(Number(readFileSync(file, 'utf8')) - t0);
      lastSingle = id;
    }
    const holdScript = join(dir, 'hold.sh');
    writeFileSync(holdScript, '#!/bin/sh\nsleep 600\n', { mode: 0o755 });
    const arrayId = await client.submit(holdScript, ['--hold', '--array=0-999', `--output=${dir}/held-%a.log`], dir);
    const ids = Array.from({ length: 1000 }, (_, i) => `${arrayId}_${i}`);
    // A plain job (not one of the array): what a poller that asks per job pays for each.
    const one = [lastSingle];
    await client.poll(ids); // warm up
    const all: number[] = [];
    const single: number[] = [];
    for (let i = 0; i < 15; i++) {
      let t = performance.now();
      const rows = await client.poll(ids);
      all.push(performance.now() - t);
      if (rows.size !== 1000) throw new Error(`squeue reported ${rows.size} of 1000 tasks`);
      t = performance.now();
      await client.poll(one);
      single.push(performance.now() - t);
    }
    const squeueBytes = execFileSync('squeue', ['-h', '-r', '-t', 'all', '-j', arrayId, '-o', '%i|%T|%N|%r'], { env }).length;
    await client.cancel([arrayId]);
    const a = median(all);
    const s = median(single);
    console.log(
      [
        'slurm-poll bench (one node, slurm-wlm 22.05, medians):',
        `  submit-to-start latency, single job:      ${(median(latency) * 1000).toFixed(0)} ms (min ${(Math.min(...latency) * 1000).toFixed(0)}, max ${(Math.max(...latency) * 1000).toFixed(0)}, n=${latency.length})`,
        `  one poll, 1,000 tasks in one squeue call:  ${a.toFixed(1)} ms (${(squeueBytes / 1024).toFixed(0)} KiB of output)`,
        `  one squeue call for a single job:          ${s.toFixed(1)} ms`,
        `  per-job polling of 1,000 jobs would cost:  ~${((s * 1000) / 1000).toFixed(1)} s per poll (${((s * 1000) / a).toFixed(0)}× the batched poll)`,
      ].join('\n'),
    );
  } finally {
    execFileSync(SCRIPT, ['stop', dir]);
  }
}, 600_000);
