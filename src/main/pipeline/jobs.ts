/**
 * A stage's jobs as the executors take them: the matrix expanded, placeholders filled (the
 * run's and the matrix's), one log and one exit-code file per job in the run folder.
 */
import { join } from 'node:path';
import { expandMatrix, fillPlaceholders, jobLabel, type MatrixValues } from '../../core/pipeline/matrix';
import type { StageConfig } from '../../core/project/pipeline';
import type { PlaceholderValues } from '../../core/project/command';
import type { StageJob } from './executors';

export interface PlannedJob extends StageJob {
  values: MatrixValues;
}

export function jobsDir(runDir: string): string {
  return join(runDir, 'jobs');
}

export function planJobs(stage: StageConfig, runDir: string, base: PlaceholderValues): PlannedJob[] {
  return expandMatrix(stage.matrix).map((values, index) => {
    const all = { ...base, ...values };
    return {
      index,
      label: jobLabel(stage.name, values),
      values,
      argv: stage.argv.map((a) => fillPlaceholders(a, all)),
      env: {
        ...Object.fromEntries(Object.entries(stage.env).map(([k, v]) => [k, fillPlaceholders(v, all)])),
        GREENLIGHT_RUN_ID: base.run_id ?? '',
        GREENLIGHT_RUN_DIR: runDir,
        GREENLIGHT_STAGE: stage.name,
      },
      logPath: join(jobsDir(runDir), `${stage.name}-${index}.log`),
      exitPath: join(jobsDir(runDir), `${stage.name}-${index}.exit`),
    };
  });
}

/** The artefacts of every job, paths filled with each job's values (a path without placeholders once). */
export function stageArtefacts(stage: StageConfig, jobs: readonly PlannedJob[]): StageConfig['artefacts'] {
  const seen = new Set<string>();
  const out: StageConfig['artefacts'] = [];
  for (const j of jobs) {
    for (const a of stage.artefacts) {
      const path = fillPlaceholders(a.path, j.values);
      if (seen.has(path)) continue;
      seen.add(path);
      out.push({ ...a, path, ...(a.ground_truth ? { ground_truth: fillPlaceholders(a.ground_truth, j.values) } : {}) });
    }
  }
  return out;
}
