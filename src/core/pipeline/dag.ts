/**
 * The pipeline's graph rules (issue 17): every `needs` names a stage, the stages form no
 * cycle, and the order to run them is the declaration order wherever `needs` allows. A broken
 * graph is one problem naming the stage, never an exception.
 */
import type { Problem, Result } from '../errors';

export interface StageNode {
  name: string;
  index: number;
  needs: readonly string[];
}

/** The stages in an order where each comes after everything it needs. */
export function stageOrder<T extends StageNode>(stages: readonly T[], file?: string): Result<T[]> {
  const byName = new Map(stages.map((s) => [s.name, s]));
  const problems: Problem[] = [];
  for (const s of stages) {
    s.needs.forEach((n, j) => {
      if (n === s.name) problems.push({ file, path: `pipeline.stages.${s.index}.needs.${j}`, message: `stage "${s.name}" needs itself` });
      else if (!byName.has(n)) problems.push({ file, path: `pipeline.stages.${s.index}.needs.${j}`, message: `stage "${s.name}" needs "${n}", which is not a stage (stages: ${stages.map((x) => x.name).join(', ')})` });
    });
  }
  if (problems.length) return { ok: false, problems };
  const done = new Set<string>();
  const out: T[] = [];
  while (out.length < stages.length) {
    const next = stages.find((s) => !done.has(s.name) && s.needs.every((n) => done.has(n)));
    if (!next) {
      const cycle = findCycle(stages.filter((s) => !done.has(s.name)), byName);
      const first = byName.get(cycle[0] as string) as T;
      return { ok: false, problems: [{ file, path: `pipeline.stages.${first.index}.needs`, message: `stages form a cycle: ${cycle.join(' → ')}` }] };
    }
    done.add(next.name);
    out.push(next);
  }
  return { ok: true, value: out };
}

function findCycle(rest: readonly StageNode[], byName: ReadonlyMap<string, StageNode>): string[] {
  const left = new Set(rest.map((s) => s.name));
  // Every remaining stage needs another remaining one: walk until a name repeats.
  let at = rest[0] as StageNode;
  const path: string[] = [];
  while (!path.includes(at.name)) {
    path.push(at.name);
    at = byName.get(at.needs.find((n) => left.has(n)) as string) as StageNode;
  }
  const cycle = path.slice(path.indexOf(at.name));
  return [...cycle, at.name];
}

/** Stages downstream of `name` (those that need it, directly or not). */
export function downstreamOf(stages: readonly StageNode[], name: string): Set<string> {
  const out = new Set<string>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const s of stages) {
      if (!out.has(s.name) && s.needs.some((n) => n === name || out.has(n))) {
        out.add(s.name);
        grew = true;
      }
    }
  }
  return out;
}
