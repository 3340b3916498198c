/**
 * The one API contract between the renderer and the main side. Every call is declared here
 * once, with a zod schema for its input and its output; the preload exposes the calls by
 * name over IPC, the browser console host serves the same calls over HTTP, and the main
 * side validates every input with these schemas before a handler runs.
 *
 * Add a call: declare it in the `calls` table below (or in a `calls-*.ts` file spread into
 * it), then implement it in `src/main/api/`. The TypeScript types of both sides follow.
 */
import { z } from 'zod';
import { houseCalls } from './calls/house';
import { runsCalls } from './calls/runs';
import { consoleCalls } from './calls/console';
import { releasesCalls } from './calls/releases';
import { itemsCalls } from './calls/items';
import type { ListedCallName } from './channels';

export type { CallSpec } from './calls/call';

/** Every call, by name. Rooms declare theirs in `calls/<room>.ts` and are spread in here. */
export const calls = {
  ...houseCalls,
  ...runsCalls,
  ...consoleCalls,
  ...releasesCalls,
  ...itemsCalls,
} as const;

export type Calls = typeof calls;
export type CallName = keyof Calls;
export type CallInput<N extends CallName> = z.input<Calls[N]['input']>;
export type CallOutput<N extends CallName> = z.output<Calls[N]['output']>;

/** The API as the renderer sees it: one async function per call. */
export type GreenlightApi = {
  [N in CallName]: (input: CallInput<N>) => Promise<CallOutput<N>>;
};

export { CALL_NAMES, ipcChannel, IPC_EVENT_CHANNEL } from './channels';

// Compile-time check: the preload's list of names is exactly the contract's calls.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const namesMatch: Exact<ListedCallName, CallName> = true;
void namesMatch;

export function isCallName(s: string): s is CallName {
  return Object.prototype.hasOwnProperty.call(calls, s);
}


/** The error shape both transports return for a failed call. */
export const ApiErrorSchema = z.object({
  error: z.object({
    code: z.enum(['invalid_input', 'not_found', 'conflict', 'failed', 'forbidden']),
    message: z.string(),
    problems: z.array(z.object({ file: z.string().optional(), path: z.string(), message: z.string() })).optional(),
  }),
});
export type ApiError = z.infer<typeof ApiErrorSchema>['error'];
