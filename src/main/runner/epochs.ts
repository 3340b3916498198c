/**
 * `repeats: k` (issue 16): the eval's command runs k times in one run, epoch i with `{run_dir}`
 * (and GREENLIGHT_RUN_DIR) pointing at `<run folder>/epoch-i`, so each epoch's artefacts are
 * kept; the artefacts of all epochs are then loaded and combined item by item. A run with
 * repeats 1 is exactly as before.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expandPlaceholders } from '../../core/project/command';
import { epochDirName } from '../../core/project/repeats';
import type { EvalConfig } from '../../core/project/evals';
import type { PreparedRun } from './prepare';

export interface EpochCommand {
  dir: string;
  argv: string[];
  env: NodeJS.ProcessEnv;
}

function epochDirs(p: PreparedRun): string[] {
  const k = p.eval.repeats ?? 1;
  return k <= 1 ? [p.runDir] : Array.from({ length: k }, (_, i) => join(p.runDir, epochDirName(i + 1)));
}

/** The command of each epoch (its folder made); one entry, the prepared command, without repeats. */
export function epochCommands(p: PreparedRun): EpochCommand[] {
  const dirs = epochDirs(p);
  if (dirs.length === 1) return [{ dir: p.runDir, argv: p.argv, env: p.childEnv }];
  return dirs.map((dir, i) => {
    mkdirSync(dir, { recursive: true });
    const values = { ...p.values, run_dir: dir };
    const evalEnv = Object.fromEntries(Object.entries(p.eval.env).map(([k, v]) => [k, expandPlaceholders(v, values)]));
    return {
      dir,
      argv: p.eval.argv.map((a) => expandPlaceholders(a, values)),
      env: { ...p.childEnv, ...evalEnv, GREENLIGHT_RUN_DIR: dir, GREENLIGHT_EPOCH: String(i + 1), GREENLIGHT_EPOCHS: String(dirs.length) },
    };
  });
}

/** The artefacts to load: each declared artefact once per epoch, `{run_dir}` fixed to that epoch's folder. */
export function epochArtefacts(p: PreparedRun): EvalConfig['artefacts'] {
  const dirs = epochDirs(p);
  if (dirs.length === 1) return p.eval.artefacts;
  return dirs.flatMap((dir) => p.eval.artefacts.map((a) => ({ ...a, path: a.path.split('{run_dir}').join(dir) })));
}
