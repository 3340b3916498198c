/**
 * The command table: one `register` per file, loaded only when needed. `greenlight gate …`
 * loads gate's module alone; `--version` loads none; help and unknown commands load them all
 * (they list every command). Add new commands here.
 */
import type { Command } from 'commander';

export type CommandModule = { register(program: Command): void };

export const commands: Record<string, () => Promise<CommandModule>> = {
  init: () => import('./init'),
  serve: () => import('./serve'),
  scorecard: () => import('./scorecard'),
  gate: () => import('./gate'),
  compare: () => import('./compare'),
  check: () => import('./check'),
  run: () => import('./run'),
  import: () => import('./import'),
  runs: () => import('./runs'),
  publish: () => import('./publish'),
  releases: () => import('./releases'),
  hub: () => import('./hub'),
  plan: () => import('./plan'),
};
