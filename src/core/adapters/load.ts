/**
 * The JSON adapters loaded one kind at a time: each adapter builds its zod schemas when its
 * module loads, so a cold `greenlight gate --eval-report F` builds eval-report's alone, not
 * the nine adapters' (issue 14). The same adapters as `JSON_ADAPTERS` in ./index.
 */
import type { ArtefactKind } from '../artefact';
import type { Adapter } from './common';

const LOADERS: Partial<Record<ArtefactKind, () => Promise<Adapter>>> = {
  'eval-report': async () => (await import('./eval-report')).adaptEvalReport,
  'shadow-summary': async () => (await import('./shadow-summary')).adaptShadowSummary,
  'gaia-benchmark': async () => (await import('./gaia-benchmark')).adaptGaiaBenchmark,
  'task-scores': async () => (await import('./task-scores')).adaptTaskScores,
  'run-summary': async () => (await import('./run-summary')).adaptRunSummary,
  'ptq-summary': async () => (await import('./ptq-summary')).adaptPtqSummary,
  'lm-eval': async () => (await import('./lm-eval')).adaptLmEval,
  'inspect-log': async () => (await import('./inspect-log')).adaptInspectLog,
  metrics: async () => (await import('./metrics')).adaptMetrics,
};

/** The JSON adapter for a kind, or undefined when the kind is not read from one JSON document. */
export async function loadJsonAdapter(kind: ArtefactKind): Promise<Adapter | undefined> {
  const load = LOADERS[kind];
  return load === undefined ? undefined : load();
}

/** The kinds read from one JSON document (the keys of `JSON_ADAPTERS`). */
export const JSON_ADAPTER_KINDS = Object.keys(LOADERS) as ArtefactKind[];
