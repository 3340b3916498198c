import type { z } from 'zod';

export interface CallSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  /** True for calls that change state: the browser console checks their Origin. */
  mutates: boolean;
}

export function call<I extends z.ZodType, O extends z.ZodType>(input: I, output: O, mutates = false): CallSpec<I, O> {
  return { input, output, mutates };
}
