/**
 * The `greenlight` command line. Each command lives in `commands/<name>.ts` and exports
 * `register(program)`; this file only assembles them and maps commander's own errors
 * (unknown flag, missing argument) to exit code 2.
 */
import { Command, CommanderError, Help } from 'commander';
import { APP_VERSION } from '../version';
import { EXIT_USAGE, currentExitCode } from './exit';
import { commands, moduleOf } from './commands';

/**
 * Which command modules this argv needs: the named command's alone (`help X` too: it prints
 * X's own help), none for anything else — `--version`, `--help`, no arguments or an unknown
 * command only list the commands, and that list comes from the static table.
 */
export function commandsFor(argv: readonly string[]): string[] {
  const named = argv[0] === 'help' ? argv[1] : argv[0];
  const module = named === undefined ? undefined : moduleOf(named);
  return module === undefined ? [] : [module];
}

/** The `greenlight` command itself, before any command is registered. */
export function rootCommand(): Command {
  return new Command('greenlight')
    .description('Release gates, scorecards and publishing for models and agents.')
    .version(APP_VERSION, '-V, --version', 'print the Greenlight version')
    .showHelpAfterError('(run with --help for usage)')
    .enablePositionalOptions();
}

export async function buildProgram(argv: readonly string[] = ['--help']): Promise<Command> {
  const wanted = commandsFor(argv);
  const loaded = new Map(await Promise.all(wanted.map(async (name) => [name, await (commands[name] as (typeof commands)[string]).load()] as const)));
  // A command whose module is not loaded is a stand-in: its name and summary for the list,
  // its usage term from the table (commander would derive it from options it does not have).
  const standInTerms = new WeakMap<Command, string>();
  const program = rootCommand().configureHelp({ subcommandTerm: (cmd) => standInTerms.get(cmd) ?? Help.prototype.subcommandTerm.call(new Help(), cmd) });
  for (const [name, entry] of Object.entries(commands)) {
    const m = loaded.get(name);
    if (m) {
      m.register(program);
      continue;
    }
    for (const [term, summary] of entry.help) standInTerms.set(program.command(term.split(' ')[0] as string).description(summary), term);
  }
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

