/**
 * `--metric NAME=VALUE`, read the way seed 000's Python read it (`float(value)`): numbers,
 * and `nan` / `inf` / `infinity` in any case, which then become anomalies at the gate. Anything
 * else is a usage error (exit 2).
 */
import { UsageError, type Problem } from '../../core/errors';

const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);
const NUMBER = /^[+-]?(\d+(_?\d+)*\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function parseMetricValue(text: string): number | null {
  const t = text.trim();
  const special = /^([+-]?)(nan|inf|infinity)$/i.exec(t);
  if (special) return special[2]?.toLowerCase() === 'nan' ? NaN : special[1] === '-' ? -Infinity : Infinity;
  if (!NUMBER.test(t)) return null;
  return Number(t.replace(/_/g, ''));
}

export function parseMetricOverrides(specs: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  const problems: Problem[] = [];
  for (const spec of specs) {
    const eq = spec.indexOf('=');
    const name = eq > 0 ? spec.slice(0, eq).trim() : '';
    const value = eq > 0 ? parseMetricValue(spec.slice(eq + 1)) : null;
    if (!name || /\s/.test(name) || value === null) {
      problems.push({ path: '--metric', message: `${JSON.stringify(spec)}: expected NAME=VALUE with a number, e.g. parser_validity=0.99` });
      continue;
    }
    // A name such as __proto__ would be dropped by the object (or reach its prototype): refused by name.
    if (RESERVED.has(name)) {
      problems.push({ path: '--metric', message: `${JSON.stringify(spec)}: "${name}" cannot be a metric name` });
      continue;
    }
    out[name] = value;
  }
  if (problems.length) throw new UsageError('malformed --metric', problems);
  return out;
}
