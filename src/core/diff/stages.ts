/**
 * Stage-named metrics in a diff (core/pipeline/stage-names.ts): a metric of stage S pairs only
 * with S's on the other side. When the other side has no stage S — a plain run's card, or a
 * pipeline that dropped the stage — its metrics are unpaired, and the diff says so per metric and
 * once per stage, naming the other side's same-named measurements it did NOT compare them with.
 */
import { baseMetricName, stageOfMetric, stagesOf } from '../pipeline/stage-names';
import type { MetricDiff } from './schema';

interface Side {
  label: string;
  context: Readonly<Record<string, unknown>>;
  metrics: ReadonlyArray<{ name: string; n?: number }>;
}

export function markUnpairedStages(baseline: Side, candidate: Side, metrics: MetricDiff[]): string[] {
  const stages = { baseline: stagesOf(baseline.context), candidate: stagesOf(candidate.context) };
  if (stages.baseline.length === 0 && stages.candidate.length === 0) return [];
  const warnings: string[] = [];
  for (const [own, other, verdict] of [
    ['candidate', 'baseline', 'added'],
    ['baseline', 'candidate', 'removed'],
  ] as const) {
    const otherSide = own === 'candidate' ? baseline : candidate;
    const lonely = new Map<string, MetricDiff[]>();
    for (const m of metrics) {
      if (m.verdict !== verdict) continue;
      const stage = stageOfMetric(m.name, stages[own]);
      if (stage === null || stages[other].includes(stage)) continue;
      const why = stages[other].length
        ? `${otherSide.label} has no stage ${stage}`
        : `${otherSide.label} was not measured by a pipeline (no stage ${stage})`;
      m.unpaired = `no counterpart: ${why}`;
      lonely.set(stage, [...(lonely.get(stage) ?? []), m]);
    }
    for (const [stage, ms] of lonely) {
      // The other side's measurements of the same names: not this stage's, so never compared with it.
      const bases = new Set(ms.map((m) => baseMetricName(m.name, stage)));
      const same = otherSide.metrics.filter((x) => bases.has(baseMetricName(x.name, stageOfMetric(x.name, stages[other]))));
      const n = (x: { n?: number }) => (x.n !== undefined ? ` (n ${x.n})` : '');
      const shown = same.slice(0, 5).map((x) => `${x.name}${n(x)}`).join(', ');
      const also = same.length ? `; ${otherSide.label}'s ${shown}${same.length > 5 ? ` and ${same.length - 5} more` : ''} ${same.length === 1 ? 'is' : 'are'} another measurement, not compared with it` : '';
      warnings.push(`stage ${stage}: no counterpart in ${otherSide.label}, its ${ms.length} metric${ms.length === 1 ? '' : 's'} ${own === 'candidate' ? 'only on the candidate' : 'only on the baseline'}${also}`);
    }
  }
  return warnings;
}
