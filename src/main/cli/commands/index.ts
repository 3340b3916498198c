/**
 * The command table: one `register` per file, loaded only when needed. `greenlight gate …`
 * loads gate's module alone; `--version`, `--help` and unknown commands load none: the
 * top-level help is drawn from `help` below (each command's usage term and one-line summary).
 * test/cli/help.test.ts checks that table against what each module registers, so a module
 * whose description or arguments change fails there until the table follows. Add new
 * commands here.
 */
import type { Command } from 'commander';

export type CommandModule = { register(program: Command): void };

export interface CommandEntry {
  load: () => Promise<CommandModule>;
  /** The top-level commands this module registers, in order: [usage term, summary]. */
  help: ReadonlyArray<readonly [term: string, summary: string]>;
}

export const commands: Record<string, CommandEntry> = {
  init: {
    load: () => import('./init'),
    help: [['init [dir]', 'write a commented greenlight.yaml from what the folder holds (version source, artefacts, release tags), and validate it']],
  },
  serve: {
    load: () => import('./serve'),
    help: [['serve [options]', 'serve the console to a browser on loopback, with a new token at every start unless --keep; Ctrl-C stops it']],
  },
  scorecard: {
    load: () => import('./scorecard'),
    help: [['scorecard', 'validate, render, carry forward and gate SCORECARD.md files']],
  },
  gate: {
    load: () => import('./gate'),
    help: [['gate [options]', "evaluate the policy's gates at a tier (the Holo3 promotion scorecard's gates and more)"]],
  },
  compare: {
    load: () => import('./compare'),
    help: [['compare [options]', "compare candidate task scores against a baseline (the day0-release skill's compare-results gate)"]],
  },
  check: {
    load: () => import('./check'),
    help: [['check', "validity gates: a run's completeness, a quantized checkpoint (the day0-release skill's run and quantization gates)"]],
  },
  run: {
    load: () => import('./run'),
    help: [['run [options]', "run the project's evals on this machine and apply its gates (exit 0 accept, 1 a gate failed or the run failed, 2 bad input)"]],
  },
  import: {
    load: () => import('./import'),
    help: [['import [options] <dir>', 'import a folder of eval artefacts (run elsewhere) as a run, with metrics, gates and a draft scorecard']],
  },
  runs: {
    load: () => import('./runs'),
    help: [['runs', 'the runs kept in the store']],
  },
  publish: {
    load: () => import('./publish'),
    help: [['publish [options]', 'publish a passing scorecard: write SCORECARD.md, commit, upload to the hub, tag, push']],
  },
  releases: {
    load: () => import('./releases'),
    help: [
      ['releases [options]', 'list the releases (tags matching releases.tag_pattern), oldest first, with their scorecards'],
      ['diff [options] <baseline> <candidate>', 'compare two scorecards or runs (each a file, run id, release version or git ref), metric by metric'],
    ],
  },
  hub: {
    load: () => import('./hub'),
    help: [['hub', 'the reference hub, and which hubs may receive a token']],
  },
  plan: {
    load: () => import('./plan'),
    help: [['plan [options]', 'how many items a significance or noninferiority gate needs to reach a given power, from the previous release']],
  },
  report: {
    load: () => import('./report'),
    help: [
      [
        'report [options]',
        'write one self-contained HTML report of a run (scorecard, gates with intervals, comparison with the previous release, charts) that opens from disk with no server or network',
      ],
    ],
  },
};

/** The module that registers a top-level command (`diff` lives in `releases`). */
export function moduleOf(command: string): string | undefined {
  for (const [name, entry] of Object.entries(commands)) {
    if (entry.help.some(([term]) => term.split(' ')[0] === command)) return name;
  }
  return undefined;
}
