/**
 * The draft card of a run of the example project, as a user reads it after
 * `greenlight run` + `greenlight scorecard render --run ID`: intervals, no local path,
 * the per-category breakdown, and which baseline it was compared with.
 */
import { describe, expect, it } from 'vitest';
import { homedir } from 'node:os';
import { exampleCopy } from './example';
import { runCli, tempDir } from '../helpers/cli';
import { parseScorecard, section } from '../../src/core/scorecard';
import { readCard } from '../../src/core/releases';

const fast = { TRIAGE_DELAY_MS: '0' };

function runAndRender(dir: string, home: string, env: Record<string, string> = {}): { card: string; run: { id: string; notes?: string[] } & Record<string, unknown> } {
  const r = runCli(['run', '--project', dir, '--json'], { env: { GREENLIGHT_HOME: home, ...fast, ...env } });
  const run = JSON.parse(r.stdout) as { id: string } & Record<string, unknown>;
  const card = runCli(['scorecard', 'render', '--run', run.id], { env: { GREENLIGHT_HOME: home } });
  expect(card.code).toBe(0);
  return { card: card.stdout, run };
}

function body(card: string, title: string): string {
  const parsed = parseScorecard(card);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return section(parsed.value.body, title) ?? '';
}

describe('the example run’s draft card', () => {
  const home = tempDir('greenlight-home-');
  const dir = exampleCopy();
  const { card } = runAndRender(dir, home);

  it('carries the 95% interval of every proportion, and of the aggregate', () => {
    expect(body(card, 'Metrics')).toContain('| category_accuracy | 0.9045 | 1 | 220 | [0.8584, 0.9368] −4.6/+3.2 points |');
    expect(card).toContain('**Aggregate score: 90.45** (out of 100) — 95% interval [85.84, 93.68]');
    expect(card).not.toContain('no interval');
  });

  it('names no local folder: the command keeps {run_dir}, artefacts are relative, and the rerun line is given', () => {
    for (const local of [home, dir, homedir()]) expect(card).not.toContain(local);
    const repro = body(card, 'Reproduction');
    expect(repro).toContain('node eval/triage-eval.mjs --output-dir {run_dir} --seed 7');
    expect(repro).toMatch(/`\{run_dir\}` is the folder the eval writes its artefacts to/);
    expect(repro).toContain('greenlight run --eval benchmark');
    expect(body(card, 'Environment')).toContain('- `{run_dir}/scorecard.json` (gaia-benchmark)');
  });

  it('has the per-category breakdown the adapter computed, with n and an interval per category', () => {
    const text = body(card, 'Category breakdown');
    expect(text).not.toContain('No per-category breakdown recorded');
    expect(text).toContain('Per category of `category_accuracy`');
    expect(text).toContain('| Category | n | Correct | Accuracy | 95% interval |');
    const rows = text.split('\n').filter((l) => /^\| (billing|newsletter|sales|spam|support|urgent) \|/.test(l));
    expect(rows).toHaveLength(6);
    for (const r of rows) expect(r).toMatch(/^\| \w+ \| \d+ \| \d+ \| [\d.]+ \| \[[\d.]+, [\d.]+\] \|$/);
    expect(text).toContain('**Top confusions:**');
    // Releases and diffs read it back as the breakdown of category_accuracy, n per category.
    const facts = readCard(card);
    if (!facts.ok) throw new Error('unreadable');
    expect(facts.value.breakdown).toHaveLength(6);
    expect(facts.value.breakdown.reduce((a, b) => a + (b.n ?? 0), 0)).toBe(220);
    expect(new Set(facts.value.breakdown.map((b) => b.metric))).toEqual(new Set(['category_accuracy']));
  });
});
