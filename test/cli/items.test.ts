/**
 * Items end to end through the built CLI on the example project: a run keeps its 220 emails
 * with their text, `runs items` filters them, and a failing candidate's diff and card name
 * exactly the emails that flipped (checked against the two eval reports the eval wrote).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { esc } from '../../src/core/report/svg';
import { join } from 'node:path';
import { exampleCopy } from './example';
import { runCli, tempDir } from '../helpers/cli';

interface Report {
  results: Array<{ task_id: string; passed: boolean; input: string; predicted: string; expected: string }>;
}

function run(dir: string, home: string, env: Record<string, string>) {
  const r = runCli(['run', '--project', dir, '--json'], { env: { GREENLIGHT_HOME: home, TRIAGE_DELAY_MS: '0', ...env } });
  const out = JSON.parse(r.stdout) as Array<{ id: string; run_dir: string; decision: string }> | { id: string; run_dir: string; decision: string };
  const one = Array.isArray(out) ? out[0]! : out;
  const report = JSON.parse(readFileSync(join(one.run_dir, 'eval-report.json'), 'utf8')) as Report;
  return { ...one, report };
}

describe('items of the example project', () => {
  const home = tempDir('greenlight-home-');
  const dir = exampleCopy();
  const good = run(dir, home, {});
  const bad = run(dir, home, { TRIAGE_QUALITY: '0.4' });

  it('a run keeps its 220 emails with input, target and output', () => {
    const r = runCli(['runs', 'items', good.id, '--json'], { env: { GREENLIGHT_HOME: home } });
    expect(r.code).toBe(0);
    const items = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    expect(items).toHaveLength(220);
    const first = good.report.results[0]!;
    expect(items[0]).toEqual({ id: first.task_id, artefact: '{run_dir}/eval-report.json', passed: first.passed, score: first.passed ? 1 : 0, category: first.expected, input: first.input, target: first.expected, output: first.predicted });
    expect(items.filter((i) => i.passed === false)).toHaveLength(good.report.results.filter((x) => !x.passed).length);
  });

  it('filters by status, category and text', () => {
    const q = (...args: string[]) => JSON.parse(runCli(['runs', 'items', bad.id, '--json', ...args], { env: { GREENLIGHT_HOME: home } }).stdout) as Array<{ id: string }>;
    const wantFail = bad.report.results.filter((x) => !x.passed).map((x) => x.task_id);
    expect(q('--status', 'fail').map((i) => i.id)).toEqual(wantFail);
    const spamFail = bad.report.results.filter((x) => !x.passed && x.expected === 'spam').map((x) => x.task_id);
    expect(q('--status', 'fail', '--category', 'spam').map((i) => i.id)).toEqual(spamFail);
    const invoices = bad.report.results.filter((x) => /(^|[^\p{L}\p{N}])invoice/iu.test(x.input)).map((x) => x.task_id);
    expect(invoices.length).toBeGreaterThan(0);
    expect(q('--search', 'INVOICE').map((i) => i.id)).toEqual(invoices);
    const text = runCli(['runs', 'items', bad.id, '--status', 'fail', '--limit', '3'], { env: { GREENLIGHT_HOME: home } });
    expect(text.stdout.split('\n')[0]).toMatch(/^email-\d+ {2}FAIL 0 {2}\w+ {2}→ \w+$/);
    expect(text.stdout).toMatch(/\(3 of \d+; use --limit for more\)/);
  });

  it('an unknown run and a bad --status are usage errors', () => {
    expect(runCli(['runs', 'items', 'nope'], { env: { GREENLIGHT_HOME: home } })).toMatchObject({ code: 2 });
    const r = runCli(['runs', 'items', good.id, '--status', 'maybe'], { env: { GREENLIGHT_HOME: home } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/pass or fail/);
  });

  it('diff --json pairs the two runs item by item and lists exactly the emails that flipped', () => {
    const r = runCli(['diff', good.id, bad.id, '--json', '--project', dir], { env: { GREENLIGHT_HOME: home } });
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout) as { items: { paired: number; both_pass: number; both_fail: number; flipped_to_fail: string[]; flipped_to_pass: string[] } };
    const before = new Map(good.report.results.map((x) => [x.task_id, x.passed]));
    const toFail = bad.report.results.filter((x) => before.get(x.task_id) === true && !x.passed).map((x) => x.task_id);
    const toPass = bad.report.results.filter((x) => before.get(x.task_id) === false && x.passed).map((x) => x.task_id);
    expect(d.items.paired).toBe(220);
    expect(d.items.flipped_to_fail).toEqual(toFail);
    expect(d.items.flipped_to_pass).toEqual(toPass);
    expect(d.items.both_pass + d.items.both_fail + toFail.length + toPass.length).toBe(220);
    const text = runCli(['diff', good.id, bad.id, '--project', dir], { env: { GREENLIGHT_HOME: home } }).stdout;
    expect(text).toContain(`items: 220 paired, ${d.items.both_pass} both pass, ${d.items.both_fail} both fail, ${toFail.length} flipped to fail, ${toPass.length} flipped to pass`);
    expect(text).toMatch(/flipped to fail: email-\d+, .* … and \d+ more/);
  });

  it("the failing candidate's card lists the first 20 flips each way with the counts", () => {
    const card = runCli(['scorecard', 'render', '--run', bad.id], { env: { GREENLIGHT_HOME: home } }).stdout;
    const before = new Map(good.report.results.map((x) => [x.task_id, x.passed]));
    const toFail = bad.report.results.filter((x) => before.get(x.task_id) === true && !x.passed).map((x) => x.task_id);
    expect(card).toContain(`Item by item: 220 paired`);
    expect(card).toContain(`- Flipped to fail (${toFail.length}): ${toFail.slice(0, 20).map((i) => `\`${i}\``).join(', ')}, … and ${toFail.length - 20} more`);
  });

  it('the static report lists the flips against the baseline run: the counts, the first 20 each way with their input', () => {
    const out = join(tempDir('greenlight-report-'), 'bad.html');
    const r = runCli(['report', '--run', bad.id, '--out', out], { env: { GREENLIGHT_HOME: home } });
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(out, 'utf8');
    const before = new Map(good.report.results.map((x) => [x.task_id, x.passed]));
    const toFail = bad.report.results.filter((x) => before.get(x.task_id) === true && !x.passed);
    const toPass = bad.report.results.filter((x) => before.get(x.task_id) === false && x.passed);
    expect(toFail.length).toBeGreaterThan(20);
    const section = html.slice(html.indexOf('<h2>Flipped items</h2>'), html.indexOf('</section>', html.indexOf('<h2>Flipped items</h2>')));
    const text = section.replace(/<[^>]+>/g, '');
    expect(text).toContain(`Against run ${good.id}: 220 items paired`);
    expect(text).toContain(`${toFail.length} flipped to fail, ${toPass.length} flipped to pass`);
    expect(text).toContain(`Flipped to fail (${toFail.length})`);
    expect(text).toContain(`The first 20 of ${toFail.length} are listed`);
    // The first 20 each way, in the artefact's order, each with an excerpt of its email.
    const rows = [...section.matchAll(/<tr><th scope="row"><code>([^<]+)<\/code><\/th><td>([^<]*)<\/td><\/tr>/g)].map((m) => [m[1], m[2]]);
    expect(rows.slice(0, 20).map((x) => x[0])).toEqual(toFail.slice(0, 20).map((x) => x.task_id));
    expect(rows.slice(20).map((x) => x[0])).toEqual(toPass.slice(0, 20).map((x) => x.task_id));
    const first = toFail[0]!;
    const one = first.input.replace(/\s+/g, ' ').trim();
    expect(rows[0]![1]).toBe(esc(one.length > 160 ? `${one.slice(0, 159)}…` : one));
  });

  it('the first run has no baseline: its report says so instead of "not recorded"', () => {
    const out = join(tempDir('greenlight-report-'), 'good.html');
    expect(runCli(['report', '--run', good.id, '--out', out], { env: { GREENLIGHT_HOME: home } }).code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/<h2>Flipped items<\/h2><p>This run had no baseline \([^)]*\): there is nothing to pair its items with\.<\/p>/);
    expect(html).not.toContain('not recorded');
  });
});
