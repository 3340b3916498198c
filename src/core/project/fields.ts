/** Field types several sections of `greenlight.yaml` share. */
import { z } from 'zod';

/** A path inside the project: relative, never leaving it. */
export const relPath = z
  .string({ error: 'expected a path inside the project' })
  .min(1, 'expected a path inside the project')
  .refine((p) => !p.startsWith('/') && !/^[a-zA-Z]:[\\/]/.test(p) && !p.split(/[\\/]/).includes('..'), 'expected a relative path inside the project (no leading / and no ..)');

/** One item or a non-empty list of them, always a list after parsing. */
export const oneOrMany = <T extends z.ZodType>(item: T) => z.union([item, z.array(item).min(1, 'expected at least one entry')]).transform((v) => (Array.isArray(v) ? v : [v]) as Array<z.output<T>>);
