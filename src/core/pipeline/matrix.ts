/**
 * A stage's `matrix:` expands into one job per combination (issue 17), in a stable order (the
 * last key varies fastest), each with the values its placeholders take.
 */
import type { GateConfig } from '../project/gates';

export type MatrixValues = Record<string, string>;

export function expandMatrix(matrix: ReadonlyArray<readonly [string, readonly string[]]>): MatrixValues[] {
  let out: MatrixValues[] = [{}];
  for (const [key, values] of matrix) out = out.flatMap((partial) => values.map((v) => ({ ...partial, [key]: v })));
  return out;
}

export function fillPlaceholders(text: string, values: Readonly<Record<string, string | undefined>>): string {
  return text.replace(/\{([a-z_]+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/** A job's label in logs and the console: `eval[task=mmlu]`. */
export function jobLabel(stage: string, values: MatrixValues): string {
  const parts = Object.entries(values).map(([k, v]) => `${k}=${v}`);
  return parts.length ? `${stage}[${parts.join(',')}]` : stage;
}

/**
 * A matrix stage's gates see every job: a gate whose metric uses a matrix placeholder becomes
 * one gate per distinct value (`no_regression[task=mmlu]` reading `mmlu/acc`); a gate without
 * one stays a single gate over all the jobs' metrics.
 */
export function expandGates(gates: readonly GateConfig[], jobs: readonly MatrixValues[]): GateConfig[] {
  const out: GateConfig[] = [];
  for (const g of gates) {
    const metric = 'metric' in g && typeof g.metric === 'string' ? g.metric : undefined;
    if (!metric || !/\{[a-z_]+\}/.test(metric)) {
      out.push(g);
      continue;
    }
    const seen = new Set<string>();
    for (const values of jobs) {
      const m = fillPlaceholders(metric, values);
      if (seen.has(m)) continue;
      seen.add(m);
      const used = Object.entries(values).filter(([k]) => metric.includes(`{${k}}`));
      out.push({ ...g, name: `${g.name}[${used.map(([k, v]) => `${k}=${v}`).join(',')}]`, metric: m } as GateConfig);
    }
  }
  return out;
}
