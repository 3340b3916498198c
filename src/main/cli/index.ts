/**
 * The `greenlight` command line. Each command lives in `commands/<name>.ts` and exports
 * `register(program)`; this file only assembles them and maps commander's own errors
 * (unknown flag, missing argument) to exit code 2.
 */
import { Command, CommanderError } from 'commander';
import { APP_VERSION } from '../version';
import { EXIT_USAGE, currentExitCode } from './exit';
import { commands } from './commands';

export function buildProgram(): Command {
  const program = new Command('greenlight')
    .description('Release gates, scorecards and publishing for models and agents.')
    .version(APP_VERSION, '-V, --version', 'print the Greenlight version')
    .showHelpAfterError('(run with --help for usage)')
    .enablePositionalOptions();
  for (const register of commands) register(program);
  // Every (sub)command: commander errors become exit 2 instead of commander's default 1.
  const override = (cmd: Command): void => {
    cmd.exitOverride();
    cmd.commands.forEach(override);
  };
  override(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version exit 0 through here.
      if (err.exitCode === 0) return 0;
      return EXIT_USAGE;
    }
    throw err;
  }
  if (argv.length === 0) {
    program.outputHelp();
  }
  return currentExitCode();
}

