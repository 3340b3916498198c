/** `scorecard`: a SCORECARD.md read as an artefact (placeholder until the scorecard parser lands). */
import type { Artefact } from '../artefact';
import type { Result } from '../errors';
import type { AdapterContext } from './common';

export function adaptScorecardText(_text: string, ctx: AdapterContext): Result<Artefact> {
  return { ok: false, problems: [{ file: ctx.file, path: '', message: 'scorecard artefacts are not supported yet' }] };
}
