/**
 * `inconclusive: accept | block` in greenlight.yaml (SPEC §2.4): what an underpowered required
 * regression gate does to the decision. `accept` (the default, the behaviour before the option
 * existed) lets it pass, marked underpowered; `block` makes the decision INCONCLUSIVE — the
 * three-way verdict for a team that will not ship on data too thin to see the tolerance.
 */
import { z } from 'zod';

export const INCONCLUSIVE_POLICIES = ['accept', 'block'] as const;
export type InconclusivePolicy = (typeof INCONCLUSIVE_POLICIES)[number];

export const InconclusiveSchema = z.enum(INCONCLUSIVE_POLICIES, { error: 'expected accept or block' }).default('accept');

/** The section as the project file composes it. */
export const InconclusiveShape = { inconclusive: InconclusiveSchema };
