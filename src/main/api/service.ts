/** The service table's types, and the error a handler throws to answer with a clear message. */
import type { z } from 'zod';
import type { Calls, CallName, CallOutput } from '../../shared/contract';
import type { ApiError } from '../../shared/contract';
import type { Problem } from '../../core/errors';
import type { AppContext } from '../context/context';

export type Handler<N extends CallName> = (
  input: z.output<Calls[N]['input']>,
  ctx: AppContext,
) => CallOutput<N> | Promise<CallOutput<N>>;

export type Services = { [N in CallName]: Handler<N> };

export class ApiFailure extends Error {
  constructor(
    readonly code: ApiError['code'],
    message: string,
    readonly problems?: Problem[],
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}
