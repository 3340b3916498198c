import { describe, expect, it } from 'vitest';
import { parseEvals, selectEvals } from '../../../src/core/project/evals';
import { expandPlaceholders, parseDuration, splitCommand } from '../../../src/core/project/command';
import { formatProblem } from '../../../src/core/errors';

const lines = (doc: unknown): string[] => {
  const r = parseEvals(doc, 'greenlight.yaml');
  return r.ok ? [] : r.problems.map((p) => formatProblem(p));
};

describe('evals section', () => {
  it('accepts argv arrays with placeholders, env maps or NAME=value lists, durations', () => {
    const r = parseEvals({
      evals: [
        { name: 'bench', command: ['gaia', 'eval', '--out', '{run_dir}'], timeout: '3h', env: { SEED: 7, FAST: true }, artefacts: [{ kind: 'gaia-benchmark', path: '{run_dir}/scorecard.json' }] },
        { name: 'quick', command: 'python -m evals.run --limit "25 items" {run_dir}', env: ['A=1', 'B=x=y'], gpu: 'none' },
      ],
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value[0]).toMatchObject({ argv: ['gaia', 'eval', '--out', '{run_dir}'], timeoutMs: 3 * 3600_000, env: { SEED: '7', FAST: 'true' }, gpu: 0 });
    expect(r.value[1]).toMatchObject({ argv: ['python', '-m', 'evals.run', '--limit', '25 items', '{run_dir}'], env: { A: '1', B: 'x=y' }, gpu: 'none', timeoutMs: null });
  });

  it('reports every problem at a path that names the eval', () => {
    expect(lines({ evals: [{ name: 'a' }] })).toEqual(['greenlight.yaml: evals[a].command: expected the command as a list of arguments, e.g. [node, eval.mjs, --out, "{run_dir}"]']);
    expect(lines({ evals: [{ name: 'a', command: ['x'], env: 'A=1' }] })[0]).toMatch(/^greenlight\.yaml: evals\[a\]\.env: expected a mapping/);
    expect(lines({ evals: [{ name: 'a', command: ['x'], env: ['A'] }] })[0]).toMatch(/evals\[a\]\.env: expected a mapping/);
    expect(lines({ evals: [{ name: 'a', command: ['x'], env: { 'BAD-NAME': 1 } }] })[0]).toMatch(/evals\[a\]\.env\.BAD-NAME: "BAD-NAME" is not a valid/);
    expect(lines({ evals: [{ name: 'a', command: ['x', '{oops}'] }] })).toEqual(['greenlight.yaml: evals[a].command[1]: unknown placeholder {oops} (known: {run_dir}, {version}, {commit}, {project_dir}, {run_id})']);
    expect(lines({ evals: [{ name: 'a', command: [] }] })[0]).toMatch(/evals\[a\]\.command: expected a program/);
    expect(lines({ evals: [{ name: 'a', command: ['x'] }, { name: 'a', command: ['y'] }] })[0]).toMatch(/evals\[1\]\.name: duplicate eval name "a"/);
    expect(lines({ evals: [{ name: 'a', command: ['x'], artefacts: [{ kind: 'csv', path: 'x' }] }] })[0]).toMatch(/evals\[a\]\.artefacts\[0\]\.kind: expected kind one of/);
    expect(lines({ evals: 'run it' })).toEqual(['greenlight.yaml: evals: expected a list of evals']);
  });

  it('selects by name; an unknown name lists the known ones', () => {
    const r = parseEvals({ evals: [{ name: 'a', command: ['x'] }] });
    if (!r.ok) throw new Error('bad');
    const s = selectEvals(r.value, 'b', 'g.yaml');
    expect(s.ok ? [] : s.problems.map((p) => formatProblem(p))).toEqual(['g.yaml: evals: unknown eval "b" (evals: a)']);
    expect(selectEvals([], undefined).ok).toBe(false);
  });
});

describe('string commands', () => {
  it('splits like a shell would, keeping quotes and escapes', () => {
    expect(splitCommand(`a 'b c' "d \\"e\\"" f\\ g {run_dir}`)).toEqual({ ok: true, argv: ['a', 'b c', 'd "e"', 'f g', '{run_dir}'] });
    expect(splitCommand(`a ''`)).toEqual({ ok: true, argv: ['a', ''] });
  });
  it('refuses anything only a shell could do', () => {
    for (const c of ['a | b', 'a > f', 'a && b', 'a; b', 'echo $HOME', 'echo `id`', 'ls *.json', 'a "$(id)"', 'a &']) {
      const r = splitCommand(c);
      expect(r.ok, c).toBe(false);
    }
    expect(splitCommand('a "unterminated')).toEqual({ ok: false, message: 'unterminated double quote' });
    expect(splitCommand('   ').ok).toBe(false);
  });
  it('expands placeholders and parses durations', () => {
    expect(expandPlaceholders('{run_dir}/x-{version}-{commit}', { run_dir: '/r', version: '1.0.0' })).toBe('/r/x-1.0.0-{commit}');
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration(90)).toBe(90_000);
    expect(parseDuration('soon')).toBeNull();
    expect(parseDuration('0s')).toBeNull();
  });
});
