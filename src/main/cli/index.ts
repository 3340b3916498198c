/**
 * The `greenlight` command line. Each command lives in `commands/<name>.ts` and exports
 * `register(program)`; this file only assembles them and maps commander's own errors
 * (unknown flag, missing argument) to exit code 2.
 */
import { Command, CommanderError } from 'commander';
import { APP_VERSION } from '../version';
import { EXIT_USAGE, currentExitCode } from './exit';
import { commands, type CommandModule } from './commands';

/**
 * Which command modules this argv needs: the named command's alone, none for `--version`,
 * all of them for help, no arguments or an unknown command (those list every command).
 */
export function commandsFor(argv: readonly string[]): string[] {
  const first = argv[0];
  if (first !== undefined && Object.hasOwn(commands, first)) return [first];
  if (argv.length > 0 && argv.every((a) => a === '--version' || a === '-V')) return [];
  return Object.keys(commands);
}

export async function buildProgram(argv: readonly string[] = ['--help']): Promise<Command> {
  const modules = await Promise.all(commandsFor(argv).map((name) => (commands[name] as () => Promise<CommandModule>)()));
  const program = new Command('greenlight')
    .description('Release gates, scorecards and publishing for models and agents.')
    .version(APP_VERSION, '-V, --version', 'print the Greenlight version')
    .showHelpAfterError('(run with --help for usage)')
    .enablePositionalOptions();
  for (const m of modules) m.register(program);
  // Every (sub)command: commander errors become exit 2 instead of commander's default 1.
  const override = (cmd: Command): void => {
    cmd.exitOverride();
    cmd.commands.forEach(override);
  };
  override(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = await buildProgram(argv);
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

