/**
 * Call names and IPC channels, free of runtime dependencies: the sandboxed preload can only
 * load 'electron', so it imports this file and not the zod schemas. `contract.ts` checks at
 * compile time that this list is exactly the contract's calls.
 */
export const CALL_NAMES = ['app.info', 'projects.list', 'projects.open', 'projects.init', 'projects.forget', 'runs.list', 'runs.get', 'runs.start', 'runs.cancel', 'runs.log', 'runs.telemetry', 'runs.evals', 'runs.import', 'runs.pipeline', 'runs.stages', 'runs.noiseFloor', 'console.project', 'console.evaluation', 'console.pickFolder', 'releases.list', 'releases.diff', 'diff.run', 'publish.plan', 'publish.run', 'publish.status', 'publish.hub.trust', 'publish.token.set', 'items.list', 'items.get', 'items.flips', 'report.html'] as const;

export type ListedCallName = (typeof CALL_NAMES)[number];

export const ipcChannel = (name: string): string => `greenlight:${name}`;
export const IPC_EVENT_CHANNEL = 'greenlight:event';
