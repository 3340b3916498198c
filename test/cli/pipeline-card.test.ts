/**
 * A pipeline run drafts its card like a plain run (issue 18): the example project as a first
 * start prepares it (a git repository, release 0.2.0 tagged, version 0.3.0), `run --pipeline`,
 * then the card, the items of both seeds' artefacts (the same email ids twice), a second run
 * compared item by item, and `publish --dry-run` with nothing about the card refused.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { prepareExampleRelease } from '../../src/main/examples/release';
import { exampleCopy } from './example';
import { runCli, tempDir } from '../helpers/cli';

const fast = { TRIAGE_DELAY_MS: '0' };

describe('a pipeline run gets a card', () => {
  it('drafts SCORECARD.md from its stages, stores both seeds’ items apart, compares and publishes like a plain run', () => {
    const home = tempDir('greenlight-home-');
    const dir = exampleCopy();
    prepareExampleRelease(dir);
    const env = { ...fast, GREENLIGHT_HOME: home };
    const r = runCli(['run', '--project', dir, '--pipeline', '--json'], { env, timeout: 120_000 });
    expect(r.code, r.stderr).toBe(0);
    const run = JSON.parse(r.stdout) as { id: string; decision: string };
    expect(run.decision).toBe('ACCEPT');

    const show = JSON.parse(runCli(['runs', 'show', run.id, '--json'], { env }).stdout) as { aggregate: { name: string; value: number } | null };
    // The drafted card as the store keeps it (what Publish and the console's Scorecard read).
    const db = new Database(join(home, 'greenlight.db'), { readonly: true });
    const card = (db.prepare('SELECT scorecard FROM runs WHERE id = ?').get(run.id) as { scorecard: string | null }).scorecard ?? '';
    db.close();
    expect(card).toMatch(/^---\n/);
    expect(card).toContain('methodology: greenlight run --pipeline');
    // The matrix jobs' metrics and gates named with their values, the gates after their stage.
    expect(card).toContain('category_accuracy[seed=7]');
    expect(card).toContain('category_accuracy[seed=11]');
    expect(card).toContain('benchmark/task_pass_rate[seed=11]');
    expect(card).toContain('smoke/smoke_pass_rate');
    expect(card).toContain('decision: ACCEPT');
    // Compared with release 0.2.0, as a plain run's card is.
    expect(card).toMatch(/baseline:\n\s+kind: release\n\s+version: 0\.2\.0/);
    // The aggregate (category_accuracy) over both seeds, each with half the weight.
    expect(show.aggregate?.name).toBe('weighted_accuracy');
    expect(card).toMatch(/matrix jobs share their metric's weight: category_accuracy over category_accuracy\[seed=7\], category_accuracy\[seed=11\]/);

    // Items: the smoke run's 40 emails and each seed's 220, the same ids in three artefacts, all kept.
    const items = JSON.parse(runCli(['runs', 'items', run.id, '--json'], { env }).stdout) as Array<{ id: string; artefact: string }>;
    expect(items).toHaveLength(40 + 220 + 220);
    const first = items[0]!.id;
    expect(items.filter((i) => i.id === first).map((i) => i.artefact).sort()).toEqual(['{run_dir}/seed-11/eval-report.json', '{run_dir}/seed-7/eval-report.json', '{run_dir}/smoke/eval-report.json']);

    // A second pipeline run pairs each seed's items with the same seed's, smoke's with smoke's.
    const again = runCli(['run', '--project', dir, '--pipeline', '--json'], { env, timeout: 120_000 });
    expect(again.code, again.stderr).toBe(0);
    const second = JSON.parse(again.stdout) as { id: string };
    const diff = JSON.parse(runCli(['diff', run.id, second.id, '--json'], { env, cwd: dir }).stdout) as { items: { paired: number; flipped_to_fail: string[]; flipped_to_pass: string[] } };
    // The example is seeded: the same outcomes again, so everything pairs and nothing flips.
    expect(diff.items).toMatchObject({ paired: 480, flipped_to_fail: [], flipped_to_pass: [] });

    // With the example's hub approved, nothing is left to refuse: the pipeline run publishes as a plain run does.
    expect(runCli(['hub', 'trust', 'http://127.0.0.1:8787', '--token-env', 'GREENLIGHT_HUB_TOKEN'], { env }).code).toBe(0);
    const plan = runCli(['publish', '--project', dir, '--run', run.id, '--dry-run', '--json'], { env });
    const out = JSON.parse(plan.stdout) as { dryRun: boolean; version: string; refusals: string[] };
    expect(out).toMatchObject({ dryRun: true, version: '0.3.0' });
    expect(out.refusals).toEqual([]);
  });
});
