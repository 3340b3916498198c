/**
 * Exit codes are the CLI's contract with CI (SPEC §2.11): 0 pass, 1 a gate failed,
 * 2 usage or input error. Commands return a code; UsageError anywhere becomes 2 with one
 * readable line per problem, never a stack trace.
 */
import { UsageError, formatProblem } from '../../core/errors';

export const EXIT_PASS = 0;
export const EXIT_FAIL = 1;
export const EXIT_USAGE = 2;

export type CommandResult = number | Promise<number>;

let exitCode = EXIT_PASS;
export function setExitCode(code: number): void {
  exitCode = Math.max(exitCode, code);
}
export function currentExitCode(): number {
  return exitCode;
}

/** Print a usage/input error the way every command does: `greenlight: <line>` per problem. */
function reportUsageError(err: UsageError, stderr: (s: string) => void): void {
  if (err.problems.length === 0) stderr(`greenlight: ${err.message}\n`);
  else for (const p of err.problems) stderr(`greenlight: ${formatProblem(p)}\n`);
}

/**
 * Wrap a command's action so it sets the process exit code from its result and turns
 * UsageError into exit 2. Anything else is a bug: print it with its stack, exit 2.
 */
export function action<A extends unknown[]>(fn: (...args: A) => CommandResult): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      setExitCode(await fn(...args));
    } catch (err) {
      if (err instanceof UsageError) {
        reportUsageError(err, (s) => process.stderr.write(s));
      } else {
        process.stderr.write(`greenlight: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      }
      setExitCode(EXIT_USAGE);
    }
  };
}

/** Collector for repeatable options (`--metric A=1 --metric B=2`). */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
