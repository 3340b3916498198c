/**
 * Does any process besides this one still have the log as its stdout or stderr? With a pipe,
 * the end of output was the pipe's EOF (every holder closed it); when the child writes
 * straight into the log file, this is how the runner sees a grandchild still writing.
 * Linux: reads /proc/<pid>/fd/1 and /2 of every process (a few ms). Elsewhere: is anything
 * of the child's process group still running.
 */
import { readdirSync, readlinkSync } from 'node:fs';

export function logStillHeld(logPath: string, childPid: number): boolean {
  if (process.platform !== 'linux') return groupAlive(childPid);
  let pids: string[];
  try {
    pids = readdirSync('/proc');
  } catch {
    return groupAlive(childPid);
  }
  const self = String(process.pid);
  for (const pid of pids) {
    const c = pid.charCodeAt(0);
    if (c < 48 || c > 57 || pid === self) continue;
    for (const fd of ['1', '2']) {
      try {
        if (readlinkSync(`/proc/${pid}/fd/${fd}`) === logPath) return true;
      } catch {
        // gone, or not ours to look at
      }
    }
  }
  return false;
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}
