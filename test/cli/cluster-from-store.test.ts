/**
 * cluster_by against a stored run (issue 16 with issue 13's items): two real runs of a real
 * eval through the built CLI into a real SQLite store. The first run's metric row is kept
 * without its per-item maps (they live in run_items); the second run's regression gate reads
 * the baseline's outcomes and passage ids back from the store, pairs them by item id with its
 * own and builds the cluster bootstrap. A field the items lack is MISSING_INPUT naming the
 * fields they have. The release's run in the store gives a release baseline its items too.
 */
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../../src/main/store/db';
import { storedRunMetrics } from '../../src/main/store/run-metrics';
import { releaseRunItems } from '../../src/main/judge/baseline';
import { runCli, tempDir } from '../helpers/cli';

// 200 questions in 20 passages of 10. LOST passages fail as a whole on the candidate.
const EVAL = `
const fs = require('fs');
const lost = new Set((process.env.LOST || '').split(',').filter(Boolean).map(Number));
const results = Array.from({ length: 200 }, (_, i) => {
  const p = Math.floor(i / 10);
  const base = i % 10 < 8;
  return { task_id: 'q' + i, passed: lost.has(p) ? false : base, passage_id: 'p' + p };
});
fs.writeFileSync(process.argv[2] + '/report.json', JSON.stringify({ task_count: 200, pass_count: results.filter((r) => r.passed).length, results }));
`;

function project(clusterBy: string): string {
  const dir = tempDir('greenlight-cluster-store-');
  writeFileSync(join(dir, 'eval.js'), EVAL);
  writeYaml(dir, clusterBy);
  return dir;
}

function writeYaml(dir: string, clusterBy: string): void {
  writeFileSync(
    join(dir, 'greenlight.yaml'),
    `project: clusters\nversion: {value: 1.0.0}\nevals:\n  - name: qa\n    command: [${JSON.stringify(process.execPath)}, eval.js, "{run_dir}"]\n    gpu: none\n    artefacts:\n      - {kind: eval-report, path: "{run_dir}/report.json"}\ngates:\n  - {name: floor, metric: task_pass_rate, direction: min, thresholds: {base: 0.1, first_sft: 0.1, future: 0.1}}\n  - {name: no_regression, kind: regression, metric: task_pass_rate, mode: significance, tolerance: 0.05, cluster_by: ${clusterBy}}\n`,
  );
}

type Gate = { name: string; status: string; note: string; failure_class: string | null; evidence: Record<string, unknown> };
function run(dir: string, home: string, env: Record<string, string> = {}): { id: string; decision: string; gates: Gate[]; notes: string[] } {
  const r = runCli(['run', '--project', dir, '--json'], { env: { GREENLIGHT_HOME: home, ...env } });
  expect(r.stdout, r.stderr).toMatch(/^\{/);
  return JSON.parse(r.stdout) as { id: string; decision: string; gates: Gate[]; notes: string[] };
}

describe('cluster_by with a stored run as the baseline', () => {
  const home = tempDir('greenlight-home-');
  const dir = project('passage_id');
  const first = run(dir, home);

  it('the first run keeps its per-item outcomes once: in run_items, not copied into the metric row', () => {
    expect(first.decision).toBe('ACCEPT');
    const db = openDatabase(join(home, 'greenlight.db'));
    try {
      const row = db.prepare("SELECT json FROM metrics WHERE run_id = ? AND name = 'task_pass_rate'").get(first.id) as { json: string };
      const stored = JSON.parse(row.json) as Record<string, unknown>;
      expect(stored.items).toBeUndefined();
      expect(stored.itemFields).toBeUndefined();
      expect(stored.items_in_store).toBe(true);
      // Read back, the outcomes and passage ids come from the items table.
      const m = storedRunMetrics(db, first.id).find((x) => x.name === 'task_pass_rate')!;
      expect(Object.keys(m.items!)).toHaveLength(200);
      expect(m.items!.q7).toBe(1);
      expect(m.items!.q8).toBe(0);
      expect(m.itemFields!.passage_id!.q37).toBe('p3');
      expect(Object.values(m.items!).reduce((s, v) => s + v, 0)).toBe(160);
    } finally {
      db.close();
    }
  });

  it('the next run pairs its items with the stored run by id and clusters by the stored passage ids', () => {
    // Two whole passages lost: 16 items of 200 lost item by item, 2 of 20 passages by cluster.
    const second = run(dir, home, { LOST: '3,11' });
    expect(second.notes.join('\n')).toContain(`baseline: run ${first.id}`);
    const g = second.gates.find((x) => x.name === 'no_regression')!;
    expect(g.note).toContain('paired cluster bootstrap on 200 items in 20 passage_id clusters');
    expect(g.evidence.per_task).toMatchObject({ task_pass_rate: { method: 'cluster-bootstrap', cluster: { field: 'passage_id', clusters: 20 } } });
    // Δ = 144/200 − 160/200 = −0.08.
    expect((g.evidence.per_task as { task_pass_rate: { drop: number } }).task_pass_rate.drop).toBeCloseTo(0.08, 12);
  });

  it('a field the items lack is MISSING_INPUT naming the fields the stored and the new items carry', () => {
    writeYaml(dir, 'conversation_id');
    const third = run(dir, home, { LOST: '3' });
    const g = third.gates.find((x) => x.name === 'no_regression')!;
    expect(g.failure_class).toBe('MISSING_INPUT');
    expect(g.note).toContain('200 of 200 items carry no conversation_id');
    expect(g.note).toContain('item fields present: passage_id');
    writeYaml(dir, 'passage_id');
  });

  it("a release's card gets its items from the release's run in the store, when the run's value is the card's", () => {
    const db = openDatabase(join(home, 'greenlight.db'));
    try {
      const q = { projectDir: dir, version: '1.1.0', evalName: 'qa', runId: 'none' };
      const card = [{ name: 'task_pass_rate', value: 0.8, n: 200, successes: 160, higherIsBetter: true }];
      const got = releaseRunItems(db, q, '1.0.0', card);
      expect(got.metrics[0]!.items?.q0).toBe(1);
      expect(got.metrics[0]!.itemFields?.passage_id?.q199).toBe('p19');
      expect(got.note).toContain(`per-item outcomes of task_pass_rate from run ${first.id}`);
      // A card whose value no stored run of that version has keeps no items, and says why.
      const other = releaseRunItems(db, q, '1.0.0', [{ ...card[0]!, value: 0.75, successes: 150 }]);
      expect(other.metrics[0]!.items).toBeUndefined();
      expect(other.note).toContain("none with the card's values");
    } finally {
      db.close();
    }
  });
});
