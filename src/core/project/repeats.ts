/**
 * `repeats: k` on an eval (issue 16): the eval's command runs k times in one run, each epoch in
 * its own folder under the run's, and the epochs are combined item by item (src/core/epochs.ts).
 */
import { z } from 'zod';

export const MAX_REPEATS = 50;

export const RepeatsShape = {
  repeats: z
    .number({ error: `expected repeats as a whole number from 1 to ${MAX_REPEATS}` })
    .int(`expected repeats as a whole number from 1 to ${MAX_REPEATS}`)
    .min(1, `expected repeats as a whole number from 1 to ${MAX_REPEATS}`)
    .max(MAX_REPEATS, `expected repeats as a whole number from 1 to ${MAX_REPEATS}`)
    .default(1),
};

/** The folder of epoch i (1-based) under a run's folder; epoch 1 of a single-epoch run is the run folder itself. */
export function epochDirName(epoch: number): string {
  return `epoch-${epoch}`;
}
