/**
 * Carry-forward (SPEC §2.5, seed 001): a patch release that changes nothing the eval sees may
 * reuse the previous card. Only to a later patch of the same major.minor; anything else must
 * re-run the eval. The copy keeps metrics, breakdown, environment and every other key, sets
 * `inherited_from`, and recomputes the aggregate.
 */
import type { Result } from '../errors';
import type { ParsedScorecard } from './parse';
import type { ScorecardPayload } from './payload';
import { SEMVER } from './schema';
import { validateScorecard } from './validate';

export function parseSemver(v: string): [number, number, number] | null {
  const m = SEMVER.exec(v);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}

export function compareSemver(a: [number, number, number], b: [number, number, number]): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** A parsed card as a render payload (the body's reproduction text kept for the new body). */
export function payloadFromCard(card: ParsedScorecard): ScorecardPayload {
  const { aggregate, ...rest } = card.data as Record<string, unknown> & { aggregate?: Record<string, unknown> };
  const agg = aggregate ?? {};
  const { formula: _f, value: _v, ci95: _c, components, ...aggRest } = agg;
  const payload = {
    ...rest,
    aggregate: {
      ...aggRest,
      ...(Array.isArray(components) ? { components: components.map((c: Record<string, unknown>) => ({ metric: c.metric, ...(c.weight !== undefined ? { weight: c.weight } : {}) })) } : {}),
    },
    ...(card.reproduction !== undefined ? { reproduction: card.reproduction } : {}),
  };
  return payload as ScorecardPayload;
}

export function carryForward(card: ParsedScorecard, version: string, file?: string): Result<ScorecardPayload> {
  const problems = validateScorecard(card.data, file);
  if (problems.length) return { ok: false, problems };
  const from = String((card.data.agent as { version: string }).version);
  const a = parseSemver(from);
  const b = parseSemver(version);
  if (!b) return { ok: false, problems: [{ file, path: '', message: `--version ${JSON.stringify(version)} is not X.Y.Z` }] };
  if (!a) return { ok: false, problems: [{ file, path: 'agent.version', message: `${from} is not X.Y.Z` }] };
  if (a[0] !== b[0] || a[1] !== b[1] || b[2] <= a[2]) {
    const why =
      a[0] !== b[0] || a[1] !== b[1]
        ? `${version} is not a patch release of ${from} (major.minor differ)`
        : `${version} is not later than ${from}`;
    return {
      ok: false,
      problems: [{ file, path: 'agent.version', message: `cannot carry forward ${from} → ${version}: ${why}; re-run the eval for ${version}` }],
    };
  }
  const p = payloadFromCard(card);
  return {
    ok: true,
    value: { ...p, agent: { ...p.agent, version }, inherited_from: from },
  };
}
