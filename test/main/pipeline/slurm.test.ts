/**
 * The Slurm executor against a real Slurm (issue 17): Debian's slurm-wlm 22.05 and munge, one
 * node on 127.0.0.1, started by scripts/slurm-test-cluster.sh for this file and stopped at its
 * end. The slow cases (a time limit is whole minutes) run concurrently. Skipped, with the
 * reason, only when Slurm is not installed; CI installs it (.ci/run).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, tempDir } from '../../helpers/cli';
import { exampleCopy } from '../../cli/example';
import { closeContext, createContext, type AppContext } from '../../../src/main/context/context';
import '../../../src/main/api/runs';
import { loadProject } from '../../../src/main/project/load';
import { pipelineRunner } from '../../../src/main/pipeline/runner';
import { jobRows } from '../../../src/main/store/pipelines';
import type { GreenlightEvent } from '../../../src/shared/events';

const INSTALLED = ['/usr/sbin/slurmctld', '/usr/sbin/slurmd', '/usr/sbin/munged', '/usr/bin/sbatch'].every((p) => existsSync(p));
const SCRIPT = join(ROOT, 'scripts', 'slurm-test-cluster.sh');
let cluster = '';
let env: NodeJS.ProcessEnv = {};

function store(face: AppContext['face'] = 'cli', home = tempDir('greenlight-home-')): AppContext & { seen: GreenlightEvent[]; home: string } {
  process.env.GREENLIGHT_HOME = home;
  const ctx = createContext({ face }) as AppContext & { seen: GreenlightEvent[]; home: string };
  ctx.seen = [];
  ctx.home = home;
  ctx.events.subscribe((e) => ctx.seen.push(e));
  return ctx;
}

/** The example project with a pipeline of our own (its eval script, tiny and fast). */
function project(pipeline: string, files: Record<string, string> = {}): string {
  const dir = exampleCopy();
  const yaml = readFileSync(join(dir, 'greenlight.yaml'), 'utf8').replace(/^pipeline:[\s\S]*?(?=^tiers:)/m, '');
  writeFileSync(join(dir, 'greenlight.yaml'), `${yaml}\n${pipeline}`);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text, { mode: 0o755 });
  return dir;
}

const GATED = (out: string) => `      artefacts: [{kind: eval-report, path: "{run_dir}/${out}/eval-report.json"}]\n      gates: [{name: pass_rate, metric: task_pass_rate, direction: min, thresholds: {base: 0.4, first_sft: 0.55, future: 0.75}}]\n`;

async function until<T>(what: string, f: () => T | null | undefined | false, ms = 120_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe.skipIf(!INSTALLED)(INSTALLED ? 'Slurm executor on a real one-node cluster' : 'Slurm executor — SKIPPED: slurm-wlm/munge are not installed (apt-get install slurm-wlm munge)', () => {
  beforeAll(() => {
    cluster = tempDir('greenlight-slurm-');
    const out = execFileSync(SCRIPT, ['start', cluster], { encoding: 'utf8', timeout: 60_000 });
    expect(out).toContain('SLURM_CONF=');
    env = { ...process.env, SLURM_CONF: join(cluster, 'slurm.conf'), TRIAGE_DELAY_MS: '0' };
    process.env.SLURM_CONF = env.SLURM_CONF;
  }, 90_000);
  afterAll(() => {
    if (cluster) execFileSync(SCRIPT, ['stop', cluster], { timeout: 60_000 });
  });

  it.concurrent('the example pipeline: a matrix as one job array, logs followed live, the same decision as on this machine', async () => {
    const dir = exampleCopy();
    const local = store();
    const l = await (await pipelineRunner(local).start(loadProject(dir), { env })).done;
    closeContext(local);
    writeFileSync(join(dir, 'greenlight.yaml'), `${readFileSync(join(dir, 'greenlight.yaml'), 'utf8')}\nexecutor: {kind: slurm, time: "5"}\n`);
    const ctx = store();
    const runner = pipelineRunner(ctx);
    const started = await runner.start(loadProject(dir), { env, pollMs: 300 });
    const r = await started.done;
    expect(l.decision).toBe('ACCEPT');
    expect(r.decision).toBe(l.decision);
    expect(r.gates.map((g) => [g.name, g.status, g.value])).toEqual(l.gates.map((g) => [g.name, g.status, g.value]));
    const view = runner.view(r.id, null);
    const bench = view.stages.find((s) => s.name === 'benchmark')!;
    const ids = bench.jobs.map((j) => j.slurmJobId);
    expect(ids).toHaveLength(2);
    expect(ids[0]).toMatch(/^\d+_0$/);
    expect(ids[1]).toBe(ids[0]!.replace(/_0$/, '_1')); // one array, two tasks
    expect(bench.jobs.every((j) => j.slurmState === 'COMPLETED' && j.node)).toBe(true);
    expect(readFileSync(join(r.runDir!, 'jobs', 'benchmark.attempt-1.sbatch'), 'utf8')).toContain("set -- 'node' 'eval/triage-eval.mjs'");
    const logs = ctx.seen.filter((e) => e.type === 'pipeline.log' && e.stage === 'benchmark' && e.index === 1).map((e) => (e as { text: string }).text).join('');
    expect(logs).toContain('220/220');
    const progressed = ctx.seen.some((e) => e.type === 'pipeline.job' && e.stage === 'benchmark' && e.job.progress?.total === 220);
    expect(progressed).toBe(true);
    closeContext(ctx);
  }, 180_000);

  it.concurrent('a job that fails stops the chain: FAILED with its exit code, the next stage skipped', async () => {
    const dir = project(`pipeline:\n  stages:\n    - name: broken\n      command: [sh, -c, "echo going down; exit 3"]\n    - name: after\n      needs: [broken]\n      command: [echo, after]\nexecutor: {kind: slurm}\n`);
    const ctx = store();
    const runner = pipelineRunner(ctx);
    const r = await (await runner.start(loadProject(dir), { env, pollMs: 300 })).done;
    expect(r.status).toBe('failed');
    const [broken, after] = runner.view(r.id, null).stages;
    expect(broken).toMatchObject({ status: 'failed', failureClass: 'UNKNOWN' });
    expect(broken!.jobs[0]).toMatchObject({ status: 'failed', exitCode: 3, slurmState: 'FAILED' });
    expect(after!.status).toBe('skipped');
    expect(r.notes.join('\n')).toContain('stage "broken" stopped the chain');
    closeContext(ctx);
  }, 180_000);

  it.concurrent('a job that hits its time limit is TIMEOUT, resubmitted, and passes on the retry (INFRA_TRANSIENT, not a regression)', async () => {
    // The harness resumes: the first attempt leaves a marker and outlives its one-minute limit.
    const resume = '#!/bin/sh\nif [ -f "$1/.started" ]; then exec node eval/triage-eval.mjs --output-dir "$1/out" --items 30; fi\nmkdir -p "$1"; touch "$1/.started"; echo "first attempt: sleeping past the limit"; sleep 600\n';
    const dir = project(`pipeline:\n  stages:\n    - name: long\n      retries: 1\n      executor: {kind: slurm, time: "1"}\n      command: [sh, resume.sh, "{run_dir}"]\n${GATED('out')}`, { 'resume.sh': resume });
    const ctx = store();
    const runner = pipelineRunner(ctx);
    const r = await (await runner.start(loadProject(dir), { env, pollMs: 1000 })).done;
    expect(r.decision).toBe('ACCEPT');
    const job = runner.view(r.id, null).stages[0]!.jobs[0]!;
    expect(job).toMatchObject({ status: 'succeeded', attempts: 2, slurmState: 'COMPLETED' });
    const states = ctx.seen.filter((e) => e.type === 'pipeline.job').map((e) => (e as { job: { slurmState: string | null; status: string } }).job);
    expect(states.some((s) => s.slurmState === 'TIMEOUT' && s.status === 'transient')).toBe(true);
    expect(readFileSync(job.logPath, 'utf8')).toContain('first attempt: sleeping past the limit');
    closeContext(ctx);
  }, 240_000);

  it.concurrent('cancel is scancel: the job ends CANCELLED and the run is cancelled', async () => {
    const dir = project(`pipeline:\n  stages:\n    - name: forever\n      executor: {kind: slurm}\n      command: [sleep, "600"]\n`);
    const ctx = store();
    const runner = pipelineRunner(ctx);
    const s = await runner.start(loadProject(dir), { env, pollMs: 300 });
    await until('the job to run', () => jobRows(ctx.db, s.id).find((j) => j.status === 'running'));
    expect(runner.cancel(s.id)).toBe(true);
    const r = await s.done;
    expect(r.status).toBe('cancelled');
    expect(runner.view(r.id, null).stages[0]!.jobs[0]).toMatchObject({ status: 'cancelled', slurmState: 'CANCELLED' });
    closeContext(ctx);
  }, 180_000);

  it.concurrent('a console restart mid-job finds the cluster job again and finishes the chain', async () => {
    const slow = '#!/bin/sh\necho waiting; sleep 8; exec node eval/triage-eval.mjs --output-dir "$1/out" --items 30\n';
    const dir = project(`pipeline:\n  stages:\n    - name: slow\n      executor: {kind: slurm}\n      command: [sh, slow.sh, "{run_dir}"]\n${GATED('out')}`, { 'slow.sh': slow });
    const home = tempDir('greenlight-home-');
    // The first "console" is a CLI process, killed without a chance to clean up.
    const cli = spawn(process.execPath, [join(ROOT, 'out/main/cli.js'), 'run', '--project', dir, '--pipeline'], { env: { ...env, GREENLIGHT_HOME: home }, stdio: 'ignore' });
    const peek = store('cli', home);
    const running = await until('the job to run on the cluster', () => peek.db.prepare("SELECT run_id, slurm_job_id FROM pipeline_jobs WHERE status = 'running'").get() as { run_id: string; slurm_job_id: string } | undefined);
    closeContext(peek);
    cli.kill('SIGKILL');
    await new Promise((r) => cli.once('exit', r));
    const ctx = store('browser', home);
    const r = await until('the adopted run to finish', () => {
      const row = ctx.db.prepare('SELECT status, decision FROM runs WHERE id = ?').get(running.run_id) as { status: string; decision: string | null };
      return row.status !== 'running' && row.status !== 'queued' ? row : null;
    });
    expect(r).toEqual({ status: 'succeeded', decision: 'ACCEPT' });
    const job = jobRows(ctx.db, running.run_id)[0]!;
    expect(job).toMatchObject({ slurm_job_id: running.slurm_job_id, slurm_state: 'COMPLETED', attempts: 1 }); // followed, not resubmitted
    closeContext(ctx);
  }, 180_000);
});
