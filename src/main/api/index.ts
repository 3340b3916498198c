/**
 * The service table that implements the contract, and `dispatch`, the single entry both
 * transports (IPC and HTTP) use: it validates the input with the call's schema before the
 * handler runs and turns every failure into the contract's error shape.
 */
import type { z } from 'zod';
import { calls, isCallName, type ApiError, type CallName } from '../../shared/contract';
import { problemsFromZod, formatProblem } from '../../core/errors';
import type { AppContext } from '../context/context';
import { ApiFailure, type Services } from './service';
import { houseServices } from './house';
import { runsServices } from './runs';
import { consoleServices } from './console';
import { releasesServices } from './releases';
import { itemsServices } from './items';

export const services = {
  ...houseServices,
  ...runsServices,
  ...consoleServices,
  ...releasesServices,
  ...itemsServices,
} satisfies Services;

export type DispatchResult = { ok: true; value: unknown } | { ok: false; error: ApiError };

export async function dispatch(ctx: AppContext, name: string, rawInput: unknown): Promise<DispatchResult> {
  if (!isCallName(name)) {
    return { ok: false, error: { code: 'not_found', message: `unknown call ${JSON.stringify(name)}` } };
  }
  const spec = calls[name as CallName];
  const parsed = (spec.input as z.ZodType).safeParse(rawInput ?? {});
  if (!parsed.success) {
    const problems = problemsFromZod(parsed.error.issues);
    return {
      ok: false,
      error: { code: 'invalid_input', message: problems.map((p) => formatProblem(p)).join('; '), problems },
    };
  }
  try {
    const handler = services[name as CallName] as (input: unknown, ctx: AppContext) => unknown;
    return { ok: true, value: await handler(parsed.data, ctx) };
  } catch (err) {
    if (err instanceof ApiFailure) {
      return { ok: false, error: { code: err.code, message: err.message, problems: err.problems } };
    }
    const message = err instanceof Error ? err.message : String(err);
    return { ok: false, error: { code: 'failed', message } };
  }
}

export function isMutating(name: string): boolean {
  return isCallName(name) ? calls[name].mutates : true;
}
