/**
 * Carry-forward (SPEC §2.5, seed 001): a patch release that changes nothing the eval sees may
 * reuse the previous card. Only to a later patch of the same major.minor; anything else must
 * re-run the eval. The copy keeps metrics, breakdown, environment and every other key, sets
 * `inherited_from`, and recomputes the aggregate.
 */
import type { Result } from '../errors';
import type { ParsedScorecard } from './parse';
import type { ScorecardPayload } from './payload';
import { compareSemver, parseSemver, type SemVer } from '../releases/semver';
import { SEMVER } from './schema';
import { validateScorecard } from './validate';

/** A card version: X.Y.Z exactly as the card schema accepts it (no `v`, no pre-release), parsed. */
function cardVersion(v: string): SemVer | null {
  return SEMVER.test(v) ? parseSemver(v) : null;
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
  const a = cardVersion(from);
  const b = cardVersion(version);
  if (!b) return { ok: false, problems: [{ file, path: '', message: `--version ${JSON.stringify(version)} is not X.Y.Z` }] };
  if (!a) return { ok: false, problems: [{ file, path: 'agent.version', message: `${from} is not X.Y.Z` }] };
  const sameMinor = a.major === b.major && a.minor === b.minor;
  if (!sameMinor || compareSemver(b, a) <= 0) {
    const why =
      !sameMinor
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
