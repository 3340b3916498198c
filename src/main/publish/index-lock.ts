/**
 * `.git/index.lock` left behind by a publish that was killed (kill -9, a power cut) during
 * its commit step: git refuses every later commit while it exists. Before running git that
 * takes the lock, publish records which process runs it (a marker in the data folder); a lock
 * found later is removed only when that marker says a publish of this repository held it, its
 * process is gone, the lock is no older than the marker, and no git process works in the
 * repository. Any other lock is named with the command that clears it, never removed.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gitOk } from '../git/repo';
import { isAlive } from '../runner/pid';

interface Marker {
  pid: number;
  repo: string;
  started_at: string;
}

const markerFile = (dataDir: string, repo: string): string => join(dataDir, 'publish-git', `${createHash('sha256').update(resolve(repo)).digest('hex').slice(0, 16)}.json`);

async function lockPath(repo: string): Promise<string | null> {
  const r = await gitOk(repo, ['rev-parse', '--absolute-git-dir']);
  return r.ok && r.out.trim() ? join(r.out.trim(), 'index.lock') : null;
}

/** Whether any live process named git has its working directory in the repository (Linux /proc; elsewhere: unknown → true). */
function gitRunningIn(repo: string): boolean {
  if (process.platform !== 'linux' || !existsSync('/proc/self/cwd')) return true;
  const root = resolve(repo);
  for (const pid of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
      if (comm !== 'git' && !comm.startsWith('git-')) continue;
      const cwd = readlinkSync(`/proc/${pid}/cwd`);
      if (cwd === root || cwd.startsWith(`${root}/`)) return true;
    } catch {
      // gone, or not ours to read
    }
  }
  return false;
}

export type LockCheck = { ok: true; note: string | null } | { ok: false; message: string };

/** Clear a lock a killed publish left, or say which file blocks git and how to clear it. */
export async function clearStaleIndexLock(dataDir: string, repo: string): Promise<LockCheck> {
  const lock = await lockPath(repo);
  if (!lock || !existsSync(lock)) return { ok: true, note: null };
  const file = markerFile(dataDir, repo);
  let marker: Marker | null = null;
  try {
    marker = JSON.parse(readFileSync(file, 'utf8')) as Marker;
  } catch {
    marker = null;
  }
  const lockTime = statSync(lock).mtimeMs;
  const ours = marker !== null && marker.repo === resolve(repo) && !isAlive(marker.pid) && lockTime >= Date.parse(marker.started_at) - 1000;
  if (ours && !gitRunningIn(repo)) {
    rmSync(lock, { force: true });
    rmSync(file, { force: true });
    return { ok: true, note: `removed ${lock}, left by an interrupted publish (process ${marker?.pid} is gone)` };
  }
  return {
    ok: false,
    message: `${lock} exists: a git process is using the repository, or one was killed and left it. If no git command is running there, remove it (rm -f '${lock}'), then publish again`,
  };
}

/** Run git work that takes the index lock, with this process recorded as its owner. */
export async function withIndexLockMarker<T>(dataDir: string, repo: string, fn: () => Promise<T>): Promise<T> {
  const file = markerFile(dataDir, repo);
  mkdirSync(join(dataDir, 'publish-git'), { recursive: true });
  const marker: Marker = { pid: process.pid, repo: resolve(repo), started_at: new Date().toISOString() };
  writeFileSync(file, JSON.stringify(marker));
  try {
    return await fn();
  } finally {
    rmSync(file, { force: true });
  }
}
