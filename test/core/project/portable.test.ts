/** A published card names no local folder (seed 001: "no local absolute path in the published artifact"). */
import { describe, expect, it } from 'vitest';
import { portableText } from '../../../src/core/project/command';

const places = { run_dir: '/home/ana/.local/share/greenlight/runs/20260101-x', data_dir: '/home/ana/.local/share/greenlight', project_dir: '/home/ana/src/triage', home: '/home/ana' };

describe('portableText', () => {
  it.each([
    ['/home/ana/.local/share/greenlight/runs/20260101-x', '{run_dir}'],
    ['/home/ana/.local/share/greenlight/runs/20260101-x/eval-report.json', '{run_dir}/eval-report.json'],
    ['--output-dir=/home/ana/.local/share/greenlight/runs/20260101-x/out', '--output-dir={run_dir}/out'],
    ['/home/ana/.local/share/greenlight/runs/20260101-xy', '{data_dir}/runs/20260101-xy'],
    ['/home/ana/src/triage/tests/fixtures/email/ground_truth.json', 'tests/fixtures/email/ground_truth.json'],
    ['/home/ana/src/triage', '.'],
    ['--data=/home/ana/src/triage/data', '--data={project_dir}/data'],
    ['/home/ana/models/gemma.gguf', '~/models/gemma.gguf'],
    ['/home/anabel/x', '/home/anabel/x'],
    ['--seed', '--seed'],
    ['C:\\Users\\ana\\run\\out.json', 'C:\\Users\\ana\\run\\out.json'],
  ])('%s → %s', (text, want) => {
    expect(portableText(text, places)).toBe(want);
  });

  it('Windows folders too', () => {
    expect(portableText('C:\\gl\\runs\\r1\\scorecard.json', { run_dir: 'C:\\gl\\runs\\r1', data_dir: 'C:\\gl' })).toBe('{run_dir}\\scorecard.json');
  });
});
