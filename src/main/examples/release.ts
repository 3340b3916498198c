/**
 * The bundled example as a real repository with history, so "compare with the previous
 * release" and "publish" have something true to show on first start: a git repository with
 * a bare remote beside it, release v<previous> tagged with its SCORECARD.md, and the current
 * version committed on top. Best effort: without git the example simply has no releases.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { renderScorecard } from '../../core/scorecard';
import { parseSemver, tagForVersion } from '../../core/releases';
import { loadReleaseConfig } from '../project/release-settings';

function git(dir: string, ...args: string[]): void {
  execFileSync('git', args, { cwd: dir, stdio: 'ignore', timeout: 20_000 });
}

/**
 * The previous release's card: the same eval (eval/triage-eval.mjs, seed 7, all 220 emails)
 * with a slightly weaker simulated model (--quality 0.87), so that the current version's run
 * is comparable with it (same dataset size) and within the regression gate's plausible gain.
 */
const PREVIOUS = {
  n: 220,
  successes: 194,
  perCategory: [
    ['billing', 27, 24],
    ['newsletter', 31, 26],
    ['sales', 45, 38],
    ['spam', 32, 29],
    ['support', 40, 37],
    ['urgent', 45, 40],
  ] as const,
};

function previousCard(name: string, version: string): string | null {
  const { n, successes } = PREVIOUS;
  const r = renderScorecard(
    {
      schema_version: 1,
      agent: { name, version },
      recipe: {
        dataset: { reference: 'tests/fixtures/email/ground_truth.json', size: n, description: 'the bundled example corpus' },
        methodology: 'greenlight run --eval benchmark',
        config: { eval: 'benchmark', tier: 'first_sft', seed: 7 },
      },
      results: {
        test_cases_run: n,
        metrics: [
          { name: 'category_accuracy', value: successes / n, weight: 1, n, successes, higher_is_better: true, scale: 1 },
          { name: 'task_pass_rate', value: successes / n, n, successes, higher_is_better: true, scale: 1 },
          { name: 'cost_per_success_usd', value: 0.002304, n: successes, higher_is_better: false },
          { name: 'pass_rate', value: 1, n: 11, successes: 11, higher_is_better: true, scale: 1 },
        ],
        breakdown: {
          metric: 'category_accuracy',
          per_category: PREVIOUS.perCategory.map(([category, total, correct]) => ({ category, total, correct, accuracy: Math.round((correct / total) * 10_000) / 10_000 })),
        },
      },
      aggregate: { name: 'weighted_accuracy', components: [{ metric: 'category_accuracy', weight: 1 }] },
      gates: { tier: 'first_sft', decision: 'ACCEPT', failure_class: null },
      provenance: {
        command: ['node', 'eval/triage-eval.mjs', '--output-dir', '{run_dir}', '--seed', '7', '--quality', '0.87'],
        placeholders: { run_dir: 'the folder the eval writes its artefacts to; any new, empty folder will do' },
        rerun: ['greenlight', 'run', '--eval', 'benchmark'],
      },
    },
    { generatedAt: '2026-01-01T00:00:00Z' },
  );
  return r.ok ? r.value : null;
}

export function prepareExampleRelease(dir: string): void {
  if (existsSync(join(dir, '.git'))) return;
  try {
    const cfg = loadReleaseConfig(dir);
    const pkgFile = join(dir, 'package.json');
    const pkgText = readFileSync(pkgFile, 'utf8');
    const current = parseSemver(String((JSON.parse(pkgText) as { version?: unknown }).version ?? ''));
    if (!current || current.minor === 0) return;
    const previous = `${current.major}.${current.minor - 1}.0`;
    const card = previousCard(cfg.agent?.name ?? basename(dir), previous);
    if (!card) return;
    const remote = join(dirname(dir), `${basename(dir)}.remote.git`);
    if (!existsSync(remote)) execFileSync('git', ['init', '--bare', '-q', '-b', 'main', remote], { stdio: 'ignore', timeout: 20_000 });
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'config', 'user.name', 'Greenlight example');
    git(dir, 'config', 'user.email', 'example@greenlight.invalid');
    git(dir, 'config', 'commit.gpgsign', 'false');
    git(dir, 'config', 'tag.gpgsign', 'false');
    git(dir, 'remote', 'add', 'origin', remote);
    writeFileSync(pkgFile, pkgText.replace(/"version":\s*"[^"]*"/, `"version": "${previous}"`));
    writeFileSync(join(dir, cfg.scorecard[0] ?? 'SCORECARD.md'), card);
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', `Release ${previous}`);
    git(dir, 'tag', '-a', tagForVersion(previous, cfg.releases.tag_pattern), '-m', `Release ${previous}`);
    writeFileSync(pkgFile, pkgText);
    git(dir, 'commit', '-q', '-am', `Start ${current.text}`);
    git(dir, 'push', '-q', '--follow-tags', 'origin', 'main');
  } catch {
    // No git, or an unusual example: the example works without release history.
  }
}
