/** The built-in policy is written out pre-validated; it must stay what the schema makes of its source. */
import { expect, it } from 'vitest';
import { BUILTIN_POLICY, BUILTIN_POLICY_SOURCE } from '../../../src/core/project/builtin-policy';
import { GatesPolicySchema } from '../../../src/core/project/gates';

it('BUILTIN_POLICY equals GatesPolicySchema.parse(BUILTIN_POLICY_SOURCE), key order included', () => {
  const parsed = GatesPolicySchema.parse(BUILTIN_POLICY_SOURCE);
  expect(BUILTIN_POLICY).toStrictEqual(parsed);
  expect(JSON.stringify(BUILTIN_POLICY)).toBe(JSON.stringify(parsed));
});

it('shares no object with its source (a caller changing one cannot change the other)', () => {
  expect(BUILTIN_POLICY.tiers).not.toBe(BUILTIN_POLICY_SOURCE.tiers);
  BUILTIN_POLICY.gates.forEach((g, i) => {
    const src = BUILTIN_POLICY_SOURCE.gates[i]!;
    expect(g.kind === 'threshold' && g.thresholds).not.toBe(src.thresholds);
  });
});
