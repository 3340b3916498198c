/**
 * `scorecard`: a SCORECARD.md read as an artefact — how a previous release is read. Its
 * metrics keep their n/stderr/ci95 when the card carries them; the aggregate is a metric too
 * (0–100, higher is better).
 */
import type { Artefact } from '../artefact';
import type { Result } from '../errors';
import type { Metric } from '../metric';
import { parseScorecard } from '../scorecard/parse';
import { validateScorecard } from '../scorecard/validate';
import type { ScorecardData } from '../scorecard/schema';
import { artefact, makeMetric, type AdapterContext } from './common';

export function adaptScorecardText(text: string, ctx: AdapterContext): Result<Artefact> {
  const parsed = parseScorecard(text, ctx.file);
  if (!parsed.ok) return parsed;
  const problems = validateScorecard(parsed.value.data, ctx.file);
  if (problems.length) return { ok: false, problems };
  const card = parsed.value.data as ScorecardData;
  const metrics: Metric[] = card.results.metrics.map((m, i) =>
    makeMetric('scorecard', ctx, {
      name: m.name,
      raw: m.value,
      pointer: `results.metrics.${i}.value`,
      higherIsBetter: m.higher_is_better ?? true,
      ...(m.scale !== undefined ? { scale: m.scale } : m.value >= 0 && m.value <= 1 ? { scale: 1 } : {}),
      ...(m.n !== undefined ? { n: m.n } : {}),
      ...(m.successes !== undefined ? { successes: m.successes } : {}),
      ...(m.stderr !== undefined ? { stderr: m.stderr } : {}),
      ...(m.ci95 !== undefined ? { ci95: m.ci95 } : {}),
    }),
  );
  metrics.push(
    makeMetric('scorecard', ctx, {
      name: card.aggregate.name,
      raw: card.aggregate.value,
      pointer: 'aggregate.value',
      higherIsBetter: true,
      scale: 100,
      n: card.results.test_cases_run,
      ...(card.aggregate.ci95 ? { ci95: card.aggregate.ci95 } : {}),
    }),
  );
  return {
    ok: true,
    value: artefact('scorecard', ctx, {
      metrics,
      document: parsed.value.data,
      metadata: {
        agent: card.agent,
        version: card.agent.version,
        aggregate: card.aggregate.value,
        dataset_size: card.recipe.dataset.size,
        test_cases_run: card.results.test_cases_run,
        inherited_from: card.inherited_from ?? null,
        limit: (card.recipe.config as Record<string, unknown>).limit,
      },
    }),
  };
}
