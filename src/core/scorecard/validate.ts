/**
 * Validating a card's front matter: every problem with its dotted path, never a throw
 * (SPEC §2.5). Beyond the schema, the aggregate must be recomputable from the card itself:
 * a reader who redoes the sum by hand gets the card's value.
 */
import { problemsFromZod, type Problem } from '../errors';
import { computeAggregate, fmtScore } from './aggregate';
import { ScorecardSchema, type ScorecardData } from './schema';

export function validateScorecard(data: unknown, file?: string): Problem[] {
  try {
    const r = ScorecardSchema.safeParse(data);
    if (!r.success) return dedupe(problemsFromZod(r.error.issues, file));
    return checkAggregate(r.data).map((p) => ({ ...p, file }));
  } catch (err) {
    // The schema should never throw; if it does, the card is still refused with a reason.
    return [{ file, path: '', message: `cannot be validated: ${err instanceof Error ? err.message : String(err)}` }];
  }
}

function checkAggregate(card: ScorecardData): Problem[] {
  const problems: Problem[] = [];
  const metrics = card.results.metrics;
  const comps = card.aggregate.components;
  comps?.forEach((c, i) => {
    const m = metrics.find((x) => x.name === c.metric);
    if (m && c.value !== undefined && Math.abs(c.value - m.value) > 1e-9) {
      problems.push({ path: `aggregate.components.${i}.value`, message: `${c.value} differs from results.metrics value ${m.value} for "${c.metric}"` });
    }
  });
  const agg = computeAggregate(metrics, comps);
  if (!agg.ok) return [...problems, ...agg.problems];
  if (Math.abs(agg.value.value - card.aggregate.value) > 0.005 + 1e-9) {
    problems.push({
      path: 'aggregate.value',
      message: `${card.aggregate.value} does not match its recomputation from ${comps?.length ? 'aggregate.components' : 'results.metrics'} (${fmtScore(agg.value.value)})`,
    });
  }
  return problems;
}

function dedupe(ps: Problem[]): Problem[] {
  const seen = new Set<string>();
  return ps.filter((p) => {
    const k = `${p.path}\u0000${p.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
