/**
 * Crash safety: the browser console (`greenlight serve`) starts a run and is killed with
 * SIGKILL mid-run. The next start of any face marks the run `interrupted` and its log is
 * intact: every line the eval printed before the crash, in order.
 */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, runCli, tempDir } from '../helpers/cli';

async function call(url: string, token: string, name: string, body: unknown): Promise<unknown> {
  const res = await fetch(`${url}/api/call/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-greenlight-token': token },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as { value?: unknown };
  if (!res.ok) throw new Error(`${name}: ${JSON.stringify(json)}`);
  return json.value;
}

describe('console killed mid-run', () => {
  it('next start marks the run interrupted and keeps its log', { timeout: 60_000 }, async () => {
    const home = tempDir('greenlight-home-');
    const serve = spawn(process.execPath, [join(ROOT, 'out/main/cli.js'), 'serve', '--port', '0'], {
      env: { ...process.env, GREENLIGHT_HOME: home, TRIAGE_DELAY_MS: '40' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => serve.once('exit', (_c, s) => resolve(s)));
    try {
      const consoleUrl = await new Promise<string>((resolve, reject) => {
        let out = '';
        serve.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /Greenlight console: (\S+)/.exec(out);
          if (m) resolve(m[1]!);
        });
        serve.once('exit', () => reject(new Error(`serve ended: ${out}`)));
      });
      const u = new URL(consoleUrl);
      const token = u.searchParams.get('token')!;
      const base = `${u.protocol}//${u.host}`;
      const projects = (await call(base, token, 'projects.list', {})) as Array<{ id: string; example: boolean }>;
      const example = projects.find((p) => p.example)!;
      const [run] = (await call(base, token, 'runs.start', { projectId: example.id })) as Array<{ id: string; logPath: string }>;
      // Wait until the eval is well under way, then kill the console without warning.
      let log = { size: 0, text: '', running: true };
      for (let i = 0; i < 200 && log.size < 800; i++) {
        await new Promise((r) => setTimeout(r, 50));
        log = (await call(base, token, 'runs.log', { id: run!.id, offset: 0 })) as typeof log;
      }
      expect(log.running).toBe(true);
      serve.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');
      await new Promise((r) => setTimeout(r, 300));

      const show = runCli(['runs', 'show', run!.id, '--json'], { env: { GREENLIGHT_HOME: home } });
      expect(show.code).toBe(0);
      const shown = JSON.parse(show.stdout) as { status: string; log_path: string; run_dir: string; notes: string[] };
      expect(shown.status).toBe('interrupted');
      expect(shown.notes[0]).toMatch(/interrupted: the Greenlight process that ran it \(pid \d+\) ended/);
      const after = readFileSync(shown.log_path, 'utf8');
      // Intact: what the console had seen is still there, and every line is whole and in order.
      expect(after.startsWith(log.text)).toBe(true);
      const counters = [...after.matchAll(/^(\d+)\/220 /gm)].map((m) => Number(m[1]));
      expect(counters.length).toBeGreaterThan(5);
      expect(counters).toEqual(counters.map((_, i) => i + 1));
      // The eval the dead console left behind has been stopped (no process still names its run folder).
      await new Promise((r) => setTimeout(r, 300));
      expect(processesMentioning(shown.run_dir)).toEqual([]);
    } finally {
      if (serve.exitCode === null && serve.signalCode === null) serve.kill('SIGKILL');
    }
  });
});

describe('CLI killed while a quiet eval runs', () => {
  it('next start marks it interrupted and stops the eval it left behind', { timeout: 60_000 }, async () => {
    const home = tempDir('greenlight-home-');
    const project = tempDir('greenlight-project-');
    writeFileSync(join(project, 'quiet.js'), "console.log('loading model'); setTimeout(() => console.log('done'), 60000);");
    writeFileSync(join(project, 'greenlight.yaml'), `project: quiet\nevals:\n  - name: slow\n    command: [${JSON.stringify(process.execPath)}, quiet.js, "{run_dir}"]\n`);
    const cli = spawn(process.execPath, [join(ROOT, 'out/main/cli.js'), 'run', '--project', project], { env: { ...process.env, GREENLIGHT_HOME: home }, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<void>((resolve) => cli.once('exit', () => resolve()));
    let err = '';
    cli.stderr.on('data', (d: Buffer) => (err += d.toString()));
    for (let i = 0; i < 200 && !err.includes('loading model'); i++) await new Promise((r) => setTimeout(r, 50));
    expect(err).toContain('loading model');
    cli.kill('SIGKILL');
    await exited;
    const runs = JSON.parse(runCli(['runs', 'list', '--json'], { env: { GREENLIGHT_HOME: home } }).stdout) as Array<{ id: string; status: string }>;
    expect(runs[0]!.status).toBe('interrupted');
    const shown = JSON.parse(runCli(['runs', 'show', runs[0]!.id, '--json'], { env: { GREENLIGHT_HOME: home } }).stdout) as { notes: string[]; run_dir: string; log_path: string };
    expect(shown.notes[0]).toMatch(/the eval it left running \(pid \d+\) was stopped/);
    expect(readFileSync(shown.log_path, 'utf8')).toBe('loading model\n');
    await new Promise((r) => setTimeout(r, 300));
    expect(processesMentioning(shown.run_dir)).toEqual([]);
  });
});

function processesMentioning(text: string): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8');
      const state = readFileSync(`/proc/${name}/stat`, 'utf8').split(') ')[1]?.[0];
      if (cmd.includes(text) && state !== 'Z') out.push(Number(name));
    } catch {
      // process ended meanwhile
    }
  }
  return out;
}
