/**
 * Seed 000's promotion scorecard as the built-in policy (SPEC §2.3 table), so that seed 000's
 * command line works with no policy file. Gate names are the seed's; the `_max` gates read the
 * metric without the suffix.
 */
import type { GatesPolicy } from './gates';

/** Every built-in gate reads a proportion, except the cost, which is only never negative. */
const T = (direction: 'min' | 'max', metric: string, base: number, first_sft: number, future: number) => ({
  kind: 'threshold' as const,
  metric,
  direction,
  thresholds: { base, first_sft, future },
  range: metric === 'cost_per_success_usd' ? { min: 0 } : { min: 0, max: 1 },
});

export const BUILTIN_POLICY_SOURCE = {
  tiers: ['base', 'first_sft', 'future'],
  default_tier: 'first_sft',
  gates: [
    { name: 'task_pass_rate', ...T('min', 'task_pass_rate', 0.4, 0.55, 0.75) },
    { name: 'parser_validity', ...T('min', 'parser_validity', 0.95, 0.98, 0.99) },
    { name: 'grounding_accuracy', ...T('min', 'grounding_accuracy', 0.55, 0.7, 0.85) },
    { name: 'forbidden_region_avoidance', ...T('min', 'forbidden_region_avoidance', 0.9, 0.95, 0.98) },
    { name: 'loop_rate_max', ...T('max', 'loop_rate', 0.1, 0.05, 0.02) },
    { name: 'gallery_recovery_rate', ...T('min', 'gallery_recovery_rate', 0.7, 0.85, 0.95) },
    { name: 'escalation_rate_max', ...T('max', 'escalation_rate', 0.1, 0.05, 0.02) },
    { name: 'done_completeness', ...T('min', 'done_completeness', 0.7, 0.85, 0.95) },
    { name: 'cost_per_success_usd_max', ...T('max', 'cost_per_success_usd', 0.5, 0.3, 0.15) },
  ],
};

/**
 * The source as `GatesPolicySchema` reads it — its defaults written out (`required: false`,
 * `inconclusive: accept`) — so a cold `greenlight gate` with no project file builds no policy
 * schema (issue 14). test/core/project/builtin-policy.test.ts proves it equal to
 * `GatesPolicySchema.parse(BUILTIN_POLICY_SOURCE)`, key order included.
 */
export const BUILTIN_POLICY: GatesPolicy = (() => {
  const { tiers, default_tier, gates } = structuredClone(BUILTIN_POLICY_SOURCE);
  return { tiers, default_tier, gates: gates.map(({ name, ...gate }) => ({ name, required: false, ...gate })), inconclusive: 'accept' };
})();
