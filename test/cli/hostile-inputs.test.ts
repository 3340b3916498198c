/**
 * Hostile content in files the CLI reads (issue 12): a value nested 50,000 deep, YAML custom
 * tags, a BOM before a labelled trace, `--metric __proto__=1`. Each is one clear line and
 * exit 2 (or, for the BOM, simply read), never a RangeError stack or a silent drop.
 */
import { describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDir } from '../helpers/cli';
import { parseJsonTolerant } from '../../src/core/json';
import { parseYamlData } from '../../src/core/yaml';
import { parseScorecard } from '../../src/core/scorecard';
import { loadArtefact } from '../../src/main/artefacts';

const DEEP = 50_000;
const deepArray = '['.repeat(DEEP) + ']'.repeat(DEEP);
const deepObject = '{"a":'.repeat(DEEP) + '1' + '}'.repeat(DEEP);

function oneLine(r: { code: number; stderr: string }, what: string, pattern: RegExp): void {
  expect(r.code, `${what}: ${r.stderr}`).toBe(2);
  expect(r.stderr.trim().split('\n'), what).toHaveLength(1);
  expect(r.stderr, what).toMatch(pattern);
  expect(r.stderr, what).not.toMatch(/RangeError|Maximum call stack|\n\s+at /);
}

describe('deep nesting', () => {
  it('compare, check run, check checkpoint, gate --artefact ptq-summary and gate --eval-report: one line, exit 2', () => {
    const d = tempDir('greenlight-deep-');
    writeFileSync(join(d, 'deep.json'), `{"tasks": ${deepObject}}`);
    writeFileSync(join(d, 'deep-array.json'), `{"source_bytes": 1, "recipe": ${deepArray}}`);
    writeFileSync(join(d, 'ok.json'), '{"t": 0.5}');
    const cases: Array<[string, string[]]> = [
      ['compare', ['compare', '--baseline', 'ok.json', '--candidate', 'deep.json']],
      ['check run', ['check', 'run', '--summary', 'deep.json']],
      ['check checkpoint', ['check', 'checkpoint', '--summary', 'deep-array.json']],
      ['ptq-summary adapter', ['gate', '--artefact', 'ptq-summary=deep-array.json']],
      ['eval report', ['gate', '--eval-report', 'deep.json']],
      ['yaml input', ['compare', '--baseline', 'ok.json', '--candidate', 'deep.yaml']],
    ];
    writeFileSync(join(d, 'deep.yaml'), `t: ${deepArray}\n`);
    for (const [what, args] of cases) oneLine(runCli(args, { cwd: d }), what, /nested (more than 512 levels deep|too deeply)/);
  });

  it('the parsers themselves never throw on it', () => {
    expect(parseJsonTolerant(deepArray)).toMatchObject({ ok: false, problems: [{ message: expect.stringMatching(/nested more than 512 levels deep/) }] });
    expect(parseJsonTolerant(`{"x": NaN, "y": ${deepArray}}`)).toMatchObject({ ok: false });
    expect(parseYamlData(deepArray).ok).toBe(false);
    expect(parseScorecard(`---\nx: ${deepArray}\n---\n`).ok).toBe(false);
    // Ordinary depth is untouched.
    expect(parseJsonTolerant('[[[[1]]]]')).toEqual({ ok: true, value: [[[[1]]]] });
  });
});

describe('YAML custom tags', () => {
  const tags = ['!!binary aGVsbG8=', '!!js/function "function () { return 1 }"', '!foo 1'];
  it('refused with one line in greenlight.yaml (gate, run), a --policy file and card front matter', () => {
    for (const tag of tags) {
      const d = tempDir('greenlight-tags-');
      writeFileSync(join(d, 'greenlight.yaml'), `project: x\ndefault_tier: first_sft\nnote: ${tag}\n`);
      const r = runCli(['gate', '--metric', 'task_pass_rate=0.9'], { cwd: d });
      oneLine(r, `gate ${tag}`, /greenlight\.yaml: the YAML tag !\S+ \(line 3\) is not allowed: plain data only/);
      expect(r.stderr).not.toContain('YAMLWarning');
      oneLine(runCli(['run', '--project', d]), `run ${tag}`, /the YAML tag !\S+ \(line 3\) is not allowed/);
      oneLine(runCli(['gate', '--policy', join(d, 'greenlight.yaml'), '--metric', 'task_pass_rate=0.9']), `--policy ${tag}`, /is not allowed: plain data only/);
      writeFileSync(join(d, 'SCORECARD.md'), `---\nschema_version: 1\nagent: ${tag}\n---\nbody\n`);
      const v = runCli(['scorecard', 'validate', join(d, 'SCORECARD.md')]);
      expect(v.code).not.toBe(0);
      expect(v.stderr + v.stdout).toMatch(/front matter: the YAML tag !\S+ \(line 3\) is not allowed/);
    }
    // The core tags still work.
    expect(parseYamlData('a: !!str 1.0\nb: !!int "3"\n')).toEqual({ ok: true, value: { a: '1.0', b: 3 } });
  });
});

describe('small holes', () => {
  it('a labelled-trace .json that starts with a BOM is read like any other', async () => {
    const d = join(tempDir('greenlight-bom-'), 'traces');
    mkdirSync(d);
    const trace = { run_id: 'r', status: 'done', label_summary: {}, steps: [{ step_index: 0, label: 'bad', label_reason: 'escalation' }, { step_index: 1, label: 'good', label_reason: 'x' }] };
    writeFileSync(join(d, 'a.json'), `\uFEFF${JSON.stringify(trace)}`);
    writeFileSync(join(d, 'b.jsonl'), `\uFEFF${JSON.stringify(trace)}\n${JSON.stringify(trace)}\n`);
    const r = await loadArtefact(d);
    expect(r.ok && r.value.skipped).toEqual([]);
    expect(r.ok && r.value.metadata.label_step_count).toBe(6);
    const single = await loadArtefact(join(d, 'a.json'), 'labelled-traces');
    expect(single.ok).toBe(true);
  });

  it('--metric __proto__=1 (or constructor=1) is refused with one line, not silently dropped', () => {
    for (const name of ['__proto__', 'constructor']) {
      oneLine(runCli(['gate', '--metric', `${name}=1`]), name, new RegExp(`"${name}" cannot be a metric name`));
    }
  });
});
