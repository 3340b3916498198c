/**
 * A full disk mid-run (issue 12), on a real 1 MiB tmpfs holding the data folder: the run ends
 * `failed` with the reason on its own line (not glued to the eval's last partial line), the
 * recorded log size is what is on disk, and the CLI exits 1 (a failed run), not 2.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDir } from '../helpers/cli';
import { evalYaml, makeProject } from '../main/runner/helpers';

function canMount(): boolean {
  if (process.getuid?.() !== 0) return false;
  const d = tempDir('greenlight-mnt-probe-');
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', d], { stdio: 'ignore' });
    execFileSync('umount', [d], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const mounts: string[] = [];
afterAll(() => {
  for (const m of mounts) {
    try {
      execFileSync('umount', [m], { stdio: 'ignore' });
    } catch {
      // already gone
    }
  }
});

describe('disk full', () => {
  it.skipIf(!canMount())('the run ends failed, the reason on its own line, the recorded size is the size on disk, exit 1', () => {
    const home = tempDir('greenlight-full-');
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', home]);
    mounts.push(home);
    // 4 MB of output in lines, the last one without its newline.
    const script = "const l='x'.repeat(1000)+'\\n'; for (let i=0;i<4000;i++) process.stdout.write(l); process.stdout.write('partial line without newline'); setTimeout(()=>{},300)";
    const dir = makeProject(evalYaml(['node', '-e', script]));
    const r = runCli(['run', '--project', dir, '--json'], { env: { GREENLIGHT_HOME: home }, timeout: 60_000 });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    const run = JSON.parse(r.stdout) as { id: string; status: string; log_path: string };
    expect(run.status).toBe('failed');
    // The reason stands on its own line of stderr.
    expect(r.stderr).toMatch(/(^|\n)[^\n]*the log could not be written \(ENOSPC[^\n]*\n/);
    expect(r.stderr).not.toMatch(/x{10}[^\n]*the log could not be written/);
    const shown = JSON.parse(runCli(['runs', 'show', run.id, '--json'], { env: { GREENLIGHT_HOME: home } }).stdout) as { status: string; log_bytes?: number };
    expect(shown.status).toBe('failed');
    const list = runCli(['runs', 'list', '--json'], { env: { GREENLIGHT_HOME: home } });
    expect(list.stdout).toContain('"failed"');
    const db = execFileSync('sqlite3', [join(home, 'greenlight.db'), `SELECT log_bytes FROM runs WHERE id='${run.id}'`], { encoding: 'utf8' }).trim();
    expect(Number(db)).toBe(statSync(run.log_path).size);
  }, 90_000);
});
