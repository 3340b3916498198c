/** A single .jsonl of labelled traces: read once, counted, and hashed as its own bytes. */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadArtefact } from '../../../src/main/artefacts';
import { tempDir } from '../../helpers/cli';

const trace = (reasons: string[]): unknown => ({
  run_id: 'r',
  status: 'done',
  label_summary: {},
  steps: reasons.map((label_reason, step_index) => ({ step_index, label: label_reason === 'escalation' ? 'bad' : 'good', label_reason })),
});

describe('a single .jsonl artefact', () => {
  it('has the sha256 of the file and the counts of its traces', async () => {
    const file = join(tempDir(), 'traces.jsonl');
    writeFileSync(file, [trace(['escalation']), trace(['gate_verify_pass', 'escalation'])].map((t) => JSON.stringify(t)).join('\n') + '\n');
    const r = await loadArtefact(file);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.kind).toBe('labelled-traces');
    expect(r.value.sha256).toBe(createHash('sha256').update(readFileSync(file)).digest('hex'));
  });

  it('a malformed line is a problem, not a throw', async () => {
    const file = join(tempDir(), 'bad.jsonl');
    writeFileSync(file, '{"steps":[]}\nnot json\n');
    const r = await loadArtefact(file);
    expect(r.ok).toBe(false);
  });
});
