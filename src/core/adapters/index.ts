/** Adapter table: one adapter per artefact kind (SPEC §2.2). */
import type { ArtefactKind } from '../artefact';
import type { Adapter } from './common';
import { adaptEvalReport } from './eval-report';
import { adaptShadowSummary } from './shadow-summary';
import { adaptGaiaBenchmark } from './gaia-benchmark';
import { adaptTaskScores } from './task-scores';
import { adaptRunSummary } from './run-summary';
import { adaptPtqSummary } from './ptq-summary';
import { adaptLmEval } from './lm-eval';
import { adaptInspectLog } from './inspect-log';
import { adaptMetrics } from './metrics';

/** JSON adapters; `labelled-traces` (a folder) and `scorecard` (markdown) take other inputs. */
export const JSON_ADAPTERS: Partial<Record<ArtefactKind, Adapter>> = {
  'eval-report': adaptEvalReport,
  'shadow-summary': adaptShadowSummary,
  'gaia-benchmark': adaptGaiaBenchmark,
  'task-scores': adaptTaskScores,
  'run-summary': adaptRunSummary,
  'ptq-summary': adaptPtqSummary,
  'lm-eval': adaptLmEval,
  'inspect-log': adaptInspectLog,
  metrics: adaptMetrics,
};

export { detectKind, looksLikeScorecard } from './detect';
export type { Adapter, AdapterContext } from './common';
