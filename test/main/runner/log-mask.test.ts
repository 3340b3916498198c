/**
 * Secret-shaped values masked where no runner stood between the writer and the file (issue 12):
 * a log another program wrote (read through `runs.log`'s reader before anything masked it), a
 * log a shell appends to while it is followed (as Slurm writes a pipeline job's log), and the
 * log of a run whose Greenlight process died mid-run (masked when the next face starts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../helpers/cli';
import { readLogRange } from '../../../src/main/runner/log-read';
import { FileFollower } from '../../../src/main/pipeline/follow';
import { recoverInterruptedRuns } from '../../../src/main/runner/recovery';
import { insertRun } from '../../../src/main/store/run-records';
import { upsertProject } from '../../../src/main/store/projects';
import { getRunDetail } from '../../../src/main/store/run-detail';
import { closeContext, openStore } from './helpers';
import type { AppContext } from '../../../src/main/context/context';

const GH = 'ghp_' + 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8';
const HF = 'hf_' + 'aBcDeFgHiJkLmNoPqRsTuVwXyZ012345';
const SLACK = 'xoxp-' + '123456789012-1234567890123-AbCdEfGhIjKlMnOp';
const AWS = 'ASIA' + 'IOSFODNN7EXAMPLE';
const BEARER = 'eyJhbGciOiJIUzI1NiJ9.payload.sig-abcdef';
const LINES = [
  'loading model from https://huggingface.co/org/model (author: Ada)',
  `token ${GH} and ${HF}`,
  `curl -H "Authorization: Bearer ${BEARER}" https://api.example/v1`,
  `git clone https://ci-bot:p4ss-w0rd-42@git.example/org/repo.git`,
  `slack ${SLACK} aws ${AWS}`,
  'hf_ alone, ghp_short, http://127.0.0.1:8000/v1, author, authority',
];
const SECRETS = [GH, HF, SLACK, AWS, BEARER, 'p4ss-w0rd-42', 'ci-bot:'];
/** What a half-shown value would leave (the first bytes of each). */
const PREFIXES = [GH, HF, SLACK, AWS, BEARER].map((s) => s.slice(0, 6));

function expectNone(where: string, text: string, extra: readonly string[] = []): void {
  for (const s of [...SECRETS, ...extra]) expect(text, `${where} shows ${s}`).not.toContain(s);
}

let ctx: AppContext | null = null;
afterEach(() => {
  if (ctx) closeContext(ctx);
  ctx = null;
});

describe('reading a log nothing masked yet', () => {
  // Written by the shell, not by Greenlight: the reader is all that stands in between.
  const dir = tempDir();
  const file = join(dir, 'log.txt');
  execFileSync('/bin/sh', ['-c', `printf '%s\\n' "$@" > "${file}"`, 'sh', ...LINES]);
  const raw = readFileSync(file, 'latin1');

  it('shows no value, whole or in any range, and keeps offsets and ordinary text', () => {
    const whole = readLogRange(file, 0, 1 << 20);
    expectNone('a whole read', whole.text);
    expect(whole.text.length).toBe(raw.length);
    expect(whole.text.split('\n')[0]).toBe(LINES[0]);
    expect(whole.text.split('\n')[5]).toBe(LINES[5]);
    // Every range edge, including one inside each value: neither a whole value nor its first bytes.
    for (let start = 0; start < raw.length; start += 3) {
      for (const len of [5, 17, 64]) {
        const r = readLogRange(file, start, len);
        expectNone(`[${start}, +${len})`, r.text, PREFIXES);
        expect(r.text).toBe(whole.text.slice(r.offset, r.nextOffset));
      }
    }
    // The file itself is left as it was: reading never writes.
    expect(readFileSync(file, 'latin1')).toBe(raw);
  });

  it('a live read stops before a value the writer is halfway through', () => {
    const live = join(dir, 'live.txt');
    writeFileSync(live, `step 1/3\ntoken ${GH.slice(0, 14)}`);
    const r = readLogRange(live, 0, 1 << 20, true);
    expect(r.text).toBe('step 1/3\n');
    expect(r.nextOffset).toBe(9);
    // Once the run is over, the rest is shown as it is (nothing more will come to complete it).
    expect(readLogRange(live, 0, 1 << 20, false).text).toBe(`step 1/3\ntoken ${GH.slice(0, 14)}`);
  });
});

describe('a log another process appends to, followed', () => {
  it('events and the file hold no value; the file keeps its size', async () => {
    const file = join(tempDir(), 'job-0.log');
    writeFileSync(file, '');
    const sent: Array<{ offset: number; text: string }> = [];
    const f = new FileFollower(file, (offset, text) => sent.push({ offset, text })).start();
    // One line per write, 150 ms apart, one value split over two writes: as a job on a cluster writes.
    const script = `for l in "$@"; do printf '%s\\n' "$l" >> "${file}"; sleep 0.15; done; printf 'half %s' "${GH.slice(0, 10)}" >> "${file}"; sleep 0.4; printf '%s end\\n' "${GH.slice(10)}" >> "${file}"`;
    await promisify(execFile)('/bin/sh', ['-c', script, 'sh', ...LINES]);
    f.stop();
    const text = sent.map((e) => e.text).join('');
    const onDisk = readFileSync(file, 'latin1');
    expectNone('the events', text, [GH.slice(0, 10)]);
    expectNone('the file', onDisk, [GH.slice(0, 10)]);
    expect(text).toBe(onDisk);
    expect(onDisk.length).toBe(LINES.join('\n').length + 1 + `half ${GH} end\n`.length);
    expect(onDisk).toContain(`${LINES[5]}\n`);
    expect(onDisk).toContain(`half ${'[redacted]'.padEnd(GH.length, '*')} end\n`);
  });
});

describe('a run whose Greenlight process died mid-run', () => {
  it('has its whole log masked when the next face starts, its size recorded as on disk', () => {
    const store = openStore();
    ctx = store;
    const dir = tempDir();
    const log = join(dir, 'log.txt');
    // More than one scan's worth (1 MiB), values on both sides of the chunk edges.
    const body = Array.from({ length: 30_000 }, (_, i) => LINES[i % LINES.length]).join('\n') + '\n';
    writeFileSync(log, body);
    const p = upsertProject(store.db, { name: 'p', path: dir });
    insertRun(store.db, {
      id: 'r-dead', projectId: p.id, eval: 'e', version: null, gitCommit: null, gitDirty: null, command: ['x'], cwd: dir, env: {}, status: 'running',
      logPath: log, runDir: dir, hardware: null, tier: 'base', gpu: null, timeoutMs: null, ownerPid: 2 ** 22 + 4321,
    });
    expect(recoverInterruptedRuns(store)).toEqual(['r-dead']);
    const after = readFileSync(log, 'latin1');
    expectNone('the recovered log', after);
    expect(after.length).toBe(body.length);
    expect(getRunDetail(store.db, 'r-dead')?.logBytes).toBe(statSync(log).size);
    expect(after.split('\n')[0]).toBe(LINES[0]);
  });
});
