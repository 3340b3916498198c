/**
 * `tiers` and `default_tier` (SPEC §2.3): the named stages a model is gated at (each
 * threshold gate has one threshold per tier) and the tier used when none is asked for.
 */
import { z } from 'zod';

export const DEFAULT_TIERS = ['base', 'first_sft', 'future'];
export const DEFAULT_TIER = 'first_sft';

export const TiersShape = {
  tiers: z.array(z.string().min(1), { error: 'expected a list of tier names' }).min(1).default(DEFAULT_TIERS),
  default_tier: z.string().min(1).optional(),
};
