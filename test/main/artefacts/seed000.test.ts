import { mkdirSync, writeFileSync, chmodSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadArtefact } from '../../../src/main/artefacts';
import { tempDir } from '../../helpers/cli';

const evalReport = {
  name: 'candidate',
  started_at: '2026-01-01T00:00:00Z',
  ended_at: '2026-01-01T01:00:00Z',
  task_count: 4,
  pass_count: 2,
  fail_count: 1,
  error_count: 1,
  pass_rate: 0.5,
  results: [
    { task_id: 't1', passed: true, outcome: { cost: 0.1, duration_s: 3, status: 'ok', error: null } },
    { task_id: 't2', passed: true, outcome: { cost: 0.2, duration_s: 3, status: 'ok', error: null } },
    { task_id: 't3', passed: false, outcome: { cost: 0.3, duration_s: 3, status: 'fail', error: null } },
    { task_id: 't4', passed: false, outcome: { cost: 0.4, duration_s: 3, status: 'error', error: 'boom' } },
  ],
};

function write(dir: string, name: string, content: unknown): string {
  const p = join(dir, name);
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
}

describe('eval-report', () => {
  it('gives task_pass_rate with n, successes and per-item outcomes, and cost per success over all results', async () => {
    const d = tempDir();
    const r = await loadArtefact(write(d, 'report.json', evalReport));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.kind).toBe('eval-report');
    expect(r.value.sha256).toMatch(/^[0-9a-f]{64}$/);
    const rate = r.value.metrics.find((m) => m.name === 'task_pass_rate');
    expect(rate).toMatchObject({ value: 0.5, n: 4, successes: 2, higherIsBetter: true, scale: 1 });
    expect(rate?.items).toEqual({ t1: 1, t2: 1, t3: 0, t4: 0 });
    const cost = r.value.metrics.find((m) => m.name === 'cost_per_success_usd');
    expect(cost?.value).toBeCloseTo(0.5);
    expect(cost?.higherIsBetter).toBe(false);
  });

  it('has no cost per success when nothing passed, and a NaN pass_rate is an invalid metric', async () => {
    const d = tempDir();
    const text = JSON.stringify({ ...evalReport, pass_count: 0, pass_rate: 0 }).replace('"pass_rate":0', '"pass_rate":NaN');
    const r = await loadArtefact(write(d, 'report.json', text));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.metrics.map((m) => m.name)).toEqual(['task_pass_rate']);
    expect(r.value.metrics[0]).toMatchObject({ value: null, invalid: 'NaN at pass_rate' });
  });

  it('reports a wrong field with file and dotted path', async () => {
    const d = tempDir();
    const p = write(d, 'report.json', { ...evalReport, results: [{ task_id: 't1', passed: 'yes' }] });
    const r = await loadArtefact(p, 'eval-report');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems[0]).toMatchObject({ file: p, path: 'results.0.passed' });
  });
});

describe('shadow-summary', () => {
  it('gives the candidate variant escalation rate with n = step_count', async () => {
    const d = tempDir();
    const v = { run_count: 10, step_count: 200, escalation_count: 8, failure_count: 2, escalation_rate: 0.04, failure_rate: 0.01 };
    const r = await loadArtefact(write(d, 's.json', { variants: { baseline: { ...v, escalation_rate: 0.2 }, candidate: v }, comparison: {} }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.kind).toBe('shadow-summary');
    expect(r.value.metrics.find((m) => m.name === 'escalation_rate')).toMatchObject({ value: 0.04, n: 200, successes: 8, higherIsBetter: false });
  });

  it('names the missing candidate variant', async () => {
    const d = tempDir();
    const r = await loadArtefact(write(d, 's.json', { variants: { baseline: { escalation_rate: 0.1 } } }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems[0]?.path).toBe('variants.candidate');
  });
});

describe('labelled-traces', () => {
  const trace = (reasons: string[]) => ({
    run_id: 'r',
    status: 'done',
    label_summary: {},
    steps: reasons.map((label_reason, step_index) => ({ step_index, label: label_reason === 'escalation' ? 'bad' : 'good', label_reason })),
  });

  it('counts labels across .json and .jsonl files in nested folders, and names unreadable files', async () => {
    const d = tempDir();
    mkdirSync(join(d, 'sub'));
    write(d, 'a.json', trace(['escalation', 'gate_verify_pass', 'gate_verify_pass']));
    write(join(d, 'sub'), 'b.jsonl', [trace(['escalation']), trace(['gate_verify_pass'])].map((t) => JSON.stringify(t)).join('\n') + '\n');
    write(d, 'broken.json', '{"steps": [');
    write(d, 'notes.txt', 'ignored');
    const r = await loadArtefact(d);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.kind).toBe('labelled-traces');
    expect(r.value.metadata.label_step_count).toBe(5);
    expect(r.value.metadata.label_reason_counts).toEqual({ escalation: 2, gate_verify_pass: 3 });
    expect(r.value.metrics.find((m) => m.name === 'loop_rate')?.value).toBeCloseTo(0.4);
    expect(r.value.metrics.find((m) => m.name === 'forbidden_region_avoidance')?.value).toBeCloseTo(0.6);
    expect(r.value.metrics.find((m) => m.name === 'loop_rate')?.note).toMatch(/stand-in/);
    expect(r.value.skipped?.map((s) => s.file)).toEqual([`${d}/broken.json`]);
    expect(r.value.metadata.skipped_count).toBe(1);
  });

  it('gives the same counts with worker threads as in-process', async () => {
    const d = tempDir();
    for (let i = 0; i < 450; i++) write(d, `t${String(i).padStart(4, '0')}.json`, trace(i % 3 === 0 ? ['escalation', 'x'] : ['x', 'y']));
    write(d, 'zz-bad.jsonl', '{"steps":[]}\nnot json\n');
    const one = await loadArtefact(d, 'labelled-traces', { threads: 1 });
    const many = await loadArtefact(d, 'labelled-traces', { threads: 2 });
    expect(one.ok && many.ok).toBe(true);
    if (!one.ok || !many.ok) return;
    expect(one.value.metadata.threads).toBe(1);
    expect(many.value.metadata.threads).toBe(2);
    expect({ ...many.value.metadata, threads: 1 }).toEqual(one.value.metadata);
    expect(many.value.sha256).toBe(one.value.sha256);
    expect(one.value.metadata.label_step_count).toBe(900);
    expect(one.value.skipped?.[0]?.message).toMatch(/line 2/);
  });

  it('skips a file it may not read and still counts the rest', async () => {
    if (process.getuid?.() === 0) return; // root reads everything
    const d = tempDir();
    write(d, 'a.json', trace(['x']));
    chmodSync(write(d, 'b.json', trace(['y'])), 0o000);
    const r = await loadArtefact(d);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.metadata.label_step_count).toBe(1);
    expect(r.value.skipped?.[0]?.message).toMatch(/unreadable/);
  });

  it('skips, counts and names a file that cannot be read (a dangling link), even as root', async () => {
    const d = tempDir();
    write(d, 'a.json', trace(['x']));
    symlinkSync(join(d, 'gone.json'), join(d, 'b.json'));
    for (const threads of [1, 2]) {
      const r = await loadArtefact(d, 'labelled-traces', { threads });
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.value.metadata).toMatchObject({ label_step_count: 1, skipped_count: 1, skipped_files: [`${d}/b.json`] });
      expect(r.value.skipped?.[0]?.message).toMatch(/unreadable \(ENOENT\)/);
      expect(r.value.warnings[0]?.message).toMatch(/1 of 2 trace file\(s\) unreadable/);
    }
  });

  it('skips and names a sub-folder it may not list', async () => {
    if (process.getuid?.() === 0) return; // root lists everything
    const d = tempDir();
    write(d, 'a.json', trace(['x']));
    mkdirSync(join(d, 'locked'));
    write(join(d, 'locked'), 'b.json', trace(['y']));
    chmodSync(join(d, 'locked'), 0o000);
    const r = await loadArtefact(d);
    chmodSync(join(d, 'locked'), 0o755);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.skipped?.map((s) => s.file)).toEqual([`${d}/locked/`]);
  });

  it('refuses an empty folder', async () => {
    const r = await loadArtefact(tempDir(), 'labelled-traces');
    expect(r.ok).toBe(false);
  });
});

describe('loadArtefact', () => {
  it('returns a problem, never throws, for a missing file or unparseable JSON', async () => {
    const d = tempDir();
    const missing = await loadArtefact(join(d, 'nope.json'));
    expect(missing).toMatchObject({ ok: false, problems: [{ message: 'not found' }] });
    const bad = await loadArtefact(write(d, 'x.json', '{"a": 1,,}'));
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.problems[0]?.message).toMatch(/not valid JSON/);
  });
});

describe('labelled-traces streaming', () => {
  it('counts a .jsonl the same whatever the chunk size (lines split across chunks, no trailing newline)', async () => {
    const { processTraceFiles } = await import('../../../src/main/artefacts/trace-files');
    const { tallyTraceValue } = await import('../../../src/core/adapters/labelled-traces');
    const { createHash } = await import('node:crypto');
    const fs = await import('node:fs');
    const d = tempDir();
    const lines = Array.from({ length: 50 }, (_, i) => JSON.stringify({ step_index: i, label: 'x', label_reason: i % 5 === 0 ? 'escalation' : `reason_é_${i % 3}` }));
    writeFileSync(join(d, 'a.jsonl'), lines.join('\r\n'));
    const whole = processTraceFiles(d, ['a.jsonl'], tallyTraceValue, fs, { createHash }, 1 << 20);
    for (const chunk of [1, 7, 64, 333]) {
      const r = processTraceFiles(d, ['a.jsonl'], tallyTraceValue, fs, { createHash }, chunk);
      expect(r.skipped).toEqual([]);
      expect(r.tally).toEqual(whole.tally);
      expect(r.hashes).toEqual(whole.hashes);
    }
    expect(whole.tally.steps).toBe(50);
    expect(whole.tally.escalations).toBe(10);
  });
});
