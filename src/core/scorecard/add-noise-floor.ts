/**
 * A drafted card given its A/A pair's noise floor afterwards (issue 16): the run of a pair that
 * ended first was drafted before the pair's floor existed. The card is parsed back into its
 * payload and rendered again with the `noise_floor` block — front matter and body alike, the
 * same bytes as if it had been rendered with it.
 */
import { parseScorecard } from './parse';
import { payloadFromCard } from './carry-forward';
import { renderScorecard } from './render';
import type { NoiseFloorBlock } from './payload';

/** The card with this noise floor (replacing any older one); null when it is not a card this renderer can read. */
export function withNoiseFloor(card: string, f: NoiseFloorBlock): string | null {
  const parsed = parseScorecard(card);
  if (!parsed.ok) return null;
  const r = renderScorecard({ ...payloadFromCard(parsed.value), noise_floor: f });
  return r.ok ? r.value : null;
}
