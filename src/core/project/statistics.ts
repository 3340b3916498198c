/**
 * The statistics keys of `greenlight.yaml` (issue 16), as their own module so the project
 * schema can compose them: `family` at the top level, `advisory` on any gate, `cluster_by` on
 * a threshold or regression gate.
 */
import { z } from 'zod';

export const FAMILY_METHODS = ['holm', 'none'] as const;
export type FamilyMethod = (typeof FAMILY_METHODS)[number];

/** Top level: how a policy's blocking `significance` gates share alpha (Holm's step-down when absent). */
export const StatisticsPolicyShape = {
  family: z.enum(FAMILY_METHODS, { error: `expected family ${FAMILY_METHODS.join(' | ')}` }).optional(),
};

/** The family method in force (absent: holm). */
export function familyMethod(p: { family?: FamilyMethod }): FamilyMethod {
  return p.family ?? 'holm';
}

/** On every gate: an advisory gate is reported (with a Benjamini–Hochberg q-value) and never blocks. */
export const AdvisoryGateShape = {
  advisory: z.boolean({ error: 'expected true or false' }).optional(),
};

/** On a threshold or regression gate: the item field whose values group items that are not independent. */
export const ClusterByShape = {
  cluster_by: z
    .string({ error: 'expected the name of an item field, e.g. passage_id or category' })
    .min(1, 'expected the name of an item field, e.g. passage_id or category')
    .optional(),
};
