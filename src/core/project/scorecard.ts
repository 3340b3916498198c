/** `scorecard` (SPEC §2.3): where the card lives; a list when cards moved between folders. */
import { oneOrMany, relPath } from './fields';

export const ScorecardShape = { scorecard: oneOrMany(relPath).default(['SCORECARD.md']) };
