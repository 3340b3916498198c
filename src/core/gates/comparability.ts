/**
 * Comparability (SPEC §2.4): two sides measured on different datasets, limits, models,
 * methodologies or declared config keys are not comparable. A `--limit 25` candidate
 * against a 220-item baseline is the classic false regression.
 */
export type Context = Record<string, unknown>;

function lookup(ctx: Context, key: string): unknown {
  if (key in ctx) return ctx[key];
  let cur: unknown = ctx;
  for (const part of key.split('.')) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  try {
    return JSON.stringify(a) === JSON.stringify(b);
  } catch {
    return false;
  }
}

export interface ComparabilityIssue {
  key: string;
  baseline: unknown;
  candidate: unknown;
}

/** Keys whose absence has a meaning: no `limit` is the whole dataset. */
const ABSENT_MEANS_NONE = new Set(['limit']);

/**
 * Keys declared on both sides whose values differ. A key known on one side only is not a
 * difference (unknown is not different), except `limit`: a limited run against an unlimited
 * one is the classic false regression.
 */
export function comparabilityIssues(baseline: Context | undefined, candidate: Context | undefined, keys: readonly string[]): ComparabilityIssue[] {
  if (!baseline || !candidate) return [];
  const out: ComparabilityIssue[] = [];
  for (const key of keys) {
    const b = lookup(baseline, key);
    const c = lookup(candidate, key);
    const bAbsent = b === undefined || b === null;
    const cAbsent = c === undefined || c === null;
    if (bAbsent && cAbsent) continue;
    if (bAbsent || cAbsent) {
      if (ABSENT_MEANS_NONE.has(key)) out.push({ key, baseline: bAbsent ? 'none' : b, candidate: cAbsent ? 'none' : c });
      continue;
    }
    if (!same(b, c)) out.push({ key, baseline: b, candidate: c });
  }
  return out;
}

export function describeIssues(issues: ComparabilityIssue[]): string {
  return issues.map((i) => `${i.key} ${JSON.stringify(i.baseline)} vs ${JSON.stringify(i.candidate)}`).join(', ');
}
