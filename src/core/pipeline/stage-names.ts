/**
 * A pipeline stage's metrics are named after their stage, as its gates are (`smoke/task_pass_rate`,
 * `benchmark/task_pass_rate[seed=7]`): a smoke stage's pass rate on 40 items and the benchmark's
 * on 220 are two measurements, and a comparison pairs by name, so only the same stage's metric
 * may share a name. A pipeline card lists its stages in `recipe.config.stages`, which is how a
 * diff tells a stage-named metric from an lm-eval `task/metric` and says when a stage has no
 * counterpart on the other side (a plain run's card has no stages at all).
 */
import type { ComparisonSide } from '../gates/regression';

export function stageMetricName(stage: string, metric: string, jobSuffix = ''): string {
  return `${stage}/${metric}${jobSuffix}`;
}

/** The stages a side's context declares (a pipeline card's `recipe.config.stages`); none for a plain run. */
export function stagesOf(context: Readonly<Record<string, unknown>>): string[] {
  const s = context.stages;
  return Array.isArray(s) ? s.filter((x): x is string => typeof x === 'string' && x.length > 0) : [];
}

/** The stage a metric belongs to, when its name starts with one of `stages` and a slash. */
export function stageOfMetric(name: string, stages: readonly string[]): string | null {
  let best: string | null = null;
  for (const s of stages) if (name.startsWith(`${s}/`) && (best === null || s.length > best.length)) best = s;
  return best;
}

/** The metric's own name inside its stage, job suffix kept: `benchmark/task_pass_rate[seed=7]` → `task_pass_rate[seed=7]`. */
export function unstaged(name: string, stage: string): string {
  return name.startsWith(`${stage}/`) ? name.slice(stage.length + 1) : name;
}

/** The metric's name without stage and job suffix: `benchmark/task_pass_rate[seed=7]` → `task_pass_rate`. */
export function baseMetricName(name: string, stage: string | null): string {
  const own = stage ? unstaged(name, stage) : name;
  return own.endsWith(']') && own.includes('[') ? own.slice(0, own.lastIndexOf('[')) : own;
}

/**
 * What a stage's regression gates compare with. A baseline drafted by a pipeline (its card lists
 * its stages) gives this stage's, and this job's, metrics under their own names; a baseline with
 * no such stage gives none (a stage new since then has nothing to compare with). A plain run's
 * card is the eval's own measurement and is used as it is (the comparability check applies).
 */
export function stageBaseline(side: ComparisonSide, stage: string, suffix: string): { baseline?: ComparisonSide } {
  const stages = stagesOf(side.context ?? {});
  if (stages.length === 0) return { baseline: side };
  const metrics = side.metrics.flatMap((m) => {
    if (stageOfMetric(m.name, stages) !== stage) return [];
    const own = unstaged(m.name, stage);
    if (suffix) return own.endsWith(suffix) ? [{ ...m, name: own.slice(0, -suffix.length) }] : [];
    return own.endsWith(']') && own.includes('[') ? [] : [{ ...m, name: own }];
  });
  if (metrics.length === 0) return {};
  const { byName: _b, ...rest } = side;
  return { baseline: { ...rest, metrics } };
}
