/**
 * Candidate runs for the Trends chart: per version that is not released, the latest finished
 * run with a drafted card, its aggregate and metrics with their intervals (read from that card,
 * as releases are read from theirs), so candidates and releases plot on one footing.
 */
import { readCard } from '../../core/releases';
import type { Db } from '../store/db';

export interface TrendCandidate {
  version: string;
  runId: string;
  aggregate: number | null;
  aggregateCi95?: [number, number];
  metrics: Array<{ name: string; value: number; ci95?: [number, number] }>;
}

export function trendCandidates(db: Db, projectId: string, released: ReadonlySet<string>, limit = 8): TrendCandidate[] {
  const rows = db
    .prepare("SELECT id, version, scorecard FROM runs WHERE project_id = ? AND version IS NOT NULL AND scorecard IS NOT NULL AND status IN ('succeeded', 'imported') ORDER BY created_at DESC, id DESC LIMIT 200")
    .all(projectId) as Array<{ id: string; version: string; scorecard: string }>;
  const seen = new Set<string>();
  const out: TrendCandidate[] = [];
  for (const r of rows) {
    if (released.has(r.version) || seen.has(r.version)) continue;
    seen.add(r.version);
    const card = readCard(r.scorecard);
    if (!card.ok) continue;
    const f = card.value;
    out.push({
      version: r.version,
      runId: r.id,
      aggregate: f.aggregate,
      ...(f.aggregateCi95 ? { aggregateCi95: f.aggregateCi95 } : {}),
      metrics: f.metrics.map((m) => ({ name: m.name, value: m.value, ...(m.ci95 ? { ci95: m.ci95 } : {}) })),
    });
    if (out.length >= limit) break;
  }
  return out;
}
