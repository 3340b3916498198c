/**
 * Talking to Slurm (issue 17): `sbatch --parsable`, one `squeue` call per poll for all of a
 * run's jobs (and one `sacct` call for those the controller no longer holds), `scancel`.
 * Every command is spawned as an argv array, never through a shell.
 */
import { execFile } from 'node:child_process';
import { parseSacct, parseSqueue, type QueueRow } from '../../core/pipeline/slurm';

export interface SlurmCall {
  argv: string[];
  ms: number;
}

export class SlurmClient {
  /** Every call made, for the bench and the tests (one poll must be one squeue call). */
  readonly calls: SlurmCall[] = [];

  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {}

  /** Submit a batch script; returns the job id (`1234`; an array's tasks are `1234_0`, …). */
  async submit(script: string, options: readonly string[], cwd: string): Promise<string> {
    const out = await this.exec('sbatch', ['--parsable', ...options, script], cwd);
    const id = out.trim().split(';')[0] ?? ''; // --parsable prints `id` or `id;cluster`
    if (!/^\d+$/.test(id)) throw new Error(`sbatch printed no job id: ${JSON.stringify(out.slice(0, 200))}`);
    return id;
  }

  /** The state of every job and array task of these jobs, in one squeue call (+ one sacct for the rest). */
  async poll(ids: readonly string[]): Promise<Map<string, QueueRow>> {
    const out = new Map<string, QueueRow>();
    if (ids.length === 0) return out;
    const jobs = [...new Set(ids.map((id) => id.split('_')[0] as string))];
    try {
      const text = await this.exec('squeue', ['-h', '-r', '-t', 'all', '-j', jobs.join(','), '-o', '%i|%T|%N|%r'], undefined);
      for (const row of parseSqueue(text)) out.set(row.id, row);
    } catch (err) {
      // squeue refuses a list whose every job the controller has forgotten: sacct answers for those.
      if (!/Invalid job id/i.test(String(err))) throw err;
    }
    const missing = ids.filter((id) => !out.has(id));
    if (missing.length) {
      try {
        const text = await this.exec('sacct', ['-P', '-n', '-X', '-j', [...new Set(missing.map((id) => id.split('_')[0] as string))].join(','), '-o', 'JobID,State,ExitCode,NodeList'], undefined);
        for (const row of parseSacct(text)) if (!out.has(row.id)) out.set(row.id, row);
      } catch {
        // No accounting on this cluster: a job gone from squeue without an end state is interrupted.
      }
    }
    return out;
  }

  async cancel(ids: readonly string[]): Promise<void> {
    if (ids.length) await this.exec('scancel', [...ids], undefined);
  }

  private exec(program: string, args: string[], cwd: string | undefined): Promise<string> {
    const started = Date.now();
    return new Promise((resolve, reject) => {
      execFile(program, args, { env: this.env, cwd, timeout: 60_000, maxBuffer: 64 * 1024 * 1024, shell: false }, (err, stdout, stderr) => {
        this.calls.push({ argv: [program, ...args], ms: Date.now() - started });
        if ((err as NodeJS.ErrnoException | null)?.code === 'ENOENT') reject(new Error(`${program} not found: the stage runs on Slurm, so Greenlight must run where Slurm's commands are (a login node), with SLURM_CONF set if the cluster needs it`));
        else if (err) reject(new Error(`${program} failed: ${String(stderr || err.message).trim().split('\n')[0]}`));
        else resolve(stdout);
      });
    });
  }
}
