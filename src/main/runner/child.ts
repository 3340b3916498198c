/**
 * One child process: spawned from an argv array without a shell, in its own process group
 * (so cancel reaches everything it started), stdout and stderr handed on as raw bytes.
 * Cancel and timeout send SIGTERM to the group, then SIGKILL after a grace period.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { logStillHeld } from './log-holders';

export type EndReason = 'exit' | 'cancel' | 'timeout' | 'spawn-error';

export interface ChildEnd {
  reason: EndReason;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  error?: string;
}

export interface ChildOptions {
  argv: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  timeoutMs: number | null;
  graceMs?: number;
  /** Where the output goes: through pipes to this callback, or straight into a file descriptor (the log). */
  output: { onOutput: (chunk: Buffer) => void } | { fd: number; path: string };
}

export interface ChildHandle {
  pid: number | null;
  done: Promise<ChildEnd>;
  cancel(): void;
}

export const DEFAULT_GRACE_MS = 5000;

export function startChild(opts: ChildOptions): ChildHandle {
  const [program, ...args] = opts.argv;
  let child: ChildProcess;
  try {
    child = spawn(program as string, args, {
      cwd: opts.cwd,
      env: opts.env,
      shell: false,
      detached: true,
      stdio: 'fd' in opts.output ? ['ignore', opts.output.fd, opts.output.fd] : ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
  } catch (err) {
    const error = spawnMessage(program as string, err);
    return { pid: null, done: Promise.resolve({ reason: 'spawn-error', exitCode: null, signal: null, error }), cancel: () => {} };
  }
  const grace = opts.graceMs ?? DEFAULT_GRACE_MS;
  let stopReason: EndReason | null = null;
  let killTimer: NodeJS.Timeout | null = null;
  let timeoutTimer: NodeJS.Timeout | null = null;

  const killGroup = (signal: NodeJS.Signals): void => {
    if (child.pid === undefined) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      try {
        child.kill(signal);
      } catch {
        // already gone
      }
    }
  };
  const stop = (reason: EndReason): void => {
    if (stopReason !== null) return;
    stopReason = reason;
    killGroup('SIGTERM');
    killTimer = setTimeout(() => killGroup('SIGKILL'), grace);
    killTimer.unref();
  };

  if ('onOutput' in opts.output) {
    child.stdout?.on('data', opts.output.onOutput);
    child.stderr?.on('data', opts.output.onOutput);
  }
  const direct = 'fd' in opts.output ? opts.output : null;
  const done = new Promise<ChildEnd>((resolve) => {
    let exited: { code: number | null; signal: NodeJS.Signals | null } | null = null;
    let settled = false;
    let exitTimer: NodeJS.Timeout | null = null;
    const settle = (end: ChildEnd): void => {
      if (settled) return;
      settled = true;
      if (killTimer) clearTimeout(killTimer);
      if (timeoutTimer) clearTimeout(timeoutTimer);
      // After a normal close the group may be gone and its id reused: never signal it later.
      if (exitTimer) clearTimeout(exitTimer);
      // A detached grandchild may still hold the pipes: stop listening, so nothing arrives
      // after the caller has closed the log.
      child.stdout?.removeAllListeners('data').destroy();
      child.stderr?.removeAllListeners('data').destroy();
      resolve(end);
    };
    child.once('error', (err) => {
      if (child.pid === undefined) settle({ reason: 'spawn-error', exitCode: null, signal: null, error: spawnMessage(program as string, err) });
    });
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      if (direct) {
        // No pipes to wait on: wait (at most 2 s, as for pipes) for grandchildren still
        // holding the log, then stop the group.
        const t0 = Date.now();
        const wait = (): void => {
          if (settled) return;
          if (child.pid === undefined || !logStillHeld(direct.path, child.pid)) return settle({ reason: stopReason ?? 'exit', exitCode: code, signal });
          if (Date.now() - t0 < 2000) return void setTimeout(wait, 50);
          killGroup('SIGKILL');
          setTimeout(() => settle({ reason: stopReason ?? 'exit', exitCode: code, signal }), 500);
        };
        return wait();
      }
      // A grandchild may keep the pipes open; don't wait for it forever.
      exitTimer = setTimeout(() => {
        exitTimer = null;
        if (settled) return;
        killGroup('SIGKILL');
        setTimeout(() => settle({ reason: stopReason ?? 'exit', exitCode: code, signal }), 500).unref();
      }, 2000);
      exitTimer.unref();
    });
    child.once('close', (code, signal) => {
      if (direct) return; // settled from 'exit', once the group is gone
      const e = exited ?? { code, signal };
      settle({ reason: stopReason ?? 'exit', exitCode: e.code, signal: e.signal });
    });
  });

  if (opts.timeoutMs !== null && opts.timeoutMs > 0) {
    timeoutTimer = setTimeout(() => stop('timeout'), opts.timeoutMs);
  }
  return { pid: child.pid ?? null, done, cancel: () => stop('cancel') };
}

function spawnMessage(program: string, err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return `cannot start "${program}": no such program (not on PATH, or the working directory does not exist)`;
  if (code === 'EACCES') return `cannot start "${program}": permission denied`;
  return `cannot start "${program}": ${err instanceof Error ? err.message : String(err)}`;
}
