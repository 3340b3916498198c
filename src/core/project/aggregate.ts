/** `aggregate` (SPEC §2.3): the card's one headline score, a weighted mean of metrics. */
import { z } from 'zod';

export const AggregateSchema = z.object({
  name: z.string().min(1),
  components: z
    .array(z.object({ metric: z.string().min(1), weight: z.number({ error: 'expected a weight (a finite number)' }).nonnegative().default(1) }))
    .min(1, 'expected at least one component'),
});

export const AggregateShape = { aggregate: AggregateSchema.optional() };
