/**
 * The house moves (issue 11) change where code lives, not what it does: the card of the
 * example project, from a run and from an import, is byte-identical to the golden copy
 * recorded before the moves. Only what differs between two runs of the same code is masked
 * (generated_at, run ids, commit hashes, timings, temp folders). `GREENLIGHT_UPDATE_GOLDEN=1`
 * rewrites the golden files, which a reviewer then reads in the diff.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { prepareExampleRelease } from '../../src/main/examples/release';
import { exampleCopy } from '../cli/example';
import { ROOT, runCli, tempDir } from '../helpers/cli';

const GOLDEN = join(ROOT, 'test', 'fixtures', 'golden');

/** What differs between two runs of the same code on the same project. */
function mask(card: string, places: Record<string, string>): string {
  let out = card;
  for (const [name, path] of Object.entries(places)) out = out.split(path).join(`<${name}>`);
  return out
    .replace(/^generated_at: .*$/m, 'generated_at: <generated_at>')
    // The machine's CPU or GPU names: the same code gives another line on another box.
    .replace(/^(\s*hardware: ).*$/gm, '$1<hardware>')
    .replace(/^\| hardware \| .* \|$/m, '| hardware | <hardware> |')
    .replace(/\b[0-9a-f]{40}\b/g, '<commit>')
    // The eval's artefacts carry their own timestamps, so their hashes differ run to run.
    .replace(/\b[0-9a-f]{64}\b/g, '<sha256>')
    // A short commit, never the digits of a number (a cost's Δ −$0.00006034 is not a hash).
    .replace(/(?<![\d.])\b[0-9a-f]{7,12}\b(?=`|\)| )/g, '<short-commit>')
    .replace(/\b\d{8}T\d{6}Z?-[0-9a-z]+\b/gi, '<run-id>')
    .replace(/\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z\b/g, '<time>');
}

function golden(name: string, actual: string): void {
  const file = join(GOLDEN, name);
  if (process.env.GREENLIGHT_UPDATE_GOLDEN === '1') writeFileSync(file, actual);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

function card(home: string, runId: string): string {
  const r = runCli(['scorecard', 'render', '--run', runId], { env: { GREENLIGHT_HOME: home } });
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
}

describe('the example project’s card is the same before and after the house moves', () => {
  it('a run of the prepared example (release 0.2.0 as baseline)', () => {
    const home = tempDir('greenlight-home-');
    const dir = exampleCopy();
    prepareExampleRelease(dir);
    const r = runCli(['run', '--project', dir, '--json'], { env: { GREENLIGHT_HOME: home, TRIAGE_DELAY_MS: '0' } });
    expect(r.code, r.stderr).toBe(0);
    const run = JSON.parse(r.stdout) as { id: string };
    golden('example-run-card.md', mask(card(home, run.id), { run: run.id, home, project: dir }));
  });

  it('an import of the example eval’s artefacts', () => {
    const home = tempDir('greenlight-home-');
    const dir = exampleCopy();
    const artefacts = tempDir('greenlight-artefacts-');
    execFileSync(process.execPath, [join(dir, 'eval/triage-eval.mjs'), '--output-dir', artefacts, '--seed', '7'], { env: { ...process.env, TRIAGE_DELAY_MS: '0' } });
    const r = runCli(['import', artefacts, '--project', dir, '--json'], { env: { GREENLIGHT_HOME: home } });
    expect(r.code, r.stderr).toBe(0);
    const run = JSON.parse(r.stdout) as { id: string };
    golden('example-import-card.md', mask(card(home, run.id), { run: run.id, home, project: dir, artefacts }));
  });
});
