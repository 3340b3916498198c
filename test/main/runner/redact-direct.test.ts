/**
 * Secret-SHAPED values on the direct-to-file path (issue 12): with no named secret in the
 * eval's environment the child writes straight into the log file, and what it prints that has
 * the shape of a secret — GitHub, Slack, AWS and Hugging Face tokens, `Authorization: Bearer`,
 * credentials in a URL — must still reach no user: not the live events, not a `runs.log` read
 * over the console's HTTP API (during the run or after), not the log file on disk. A real child
 * process, a real console server on loopback; values split across writes (one across a 64 KiB
 * offset of the file, inside a line longer than 64 KiB) with the test reading in between.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { closeContext, evalYaml, makeProject, openStore, runEval } from './helpers';
import { startConsoleServer, type ConsoleServer } from '../../../src/main/web/server';
import { tempDir } from '../../helpers/cli';
import type { RunDetail } from '../../../src/shared/schemas';

const GH = 'ghp_' + 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8';
const GH_SPLIT = 'ghp_' + 'Z9y8X7w6V5u4T3s2R1q0P9o8N7m6L5k4J3i2';
const PAT = 'github_pat_' + '11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz';
const SLACK = 'xoxb-' + '123456789012-1234567890123-AbCdEfGhIjKlMnOp';
const AWS = 'AKIA' + 'IOSFODNN7EXAMPLE';
const HF = 'hf_' + 'aBcDeFgHiJkLmNoPqRsTuVwXyZ012345';
const BEARER = 'eyJhbGciOiJIUzI1NiJ9.payload.sig-abcdef';
const BEARER_SPLIT = 'eyJzcGxpdCI6dHJ1ZX0.across.64k-boundary';
const URL_USER = 'bob:s3cr3t-url-pass';
/** Each value, and the first part of each split one (what a half-masked line would show). */
const SECRETS = [GH, GH_SPLIT, PAT, SLACK, AWS, HF, BEARER, BEARER_SPLIT, URL_USER, 's3cr3t-url-pass', GH_SPLIT.slice(0, 12), BEARER_SPLIT.slice(0, 8)];
const ORDINARY = 'author: Ada Lovelace; prefix hf_ alone; ghp_short; see https://example.com/a@b and http://127.0.0.1:8000/v1 and AKIA123';
/** The file offset the second split value straddles: the line holding it is longer than 64 KiB too. */
const BOUNDARY = 2 * 64 * 1024;

// One write(2) per call, as unbuffered output is; the pauses wait for the test to look.
const EVAL = `
const fs = require('fs');
const out = (s) => fs.writeSync(1, s);
const wait = async (f) => { while (!fs.existsSync(f)) await new Promise((r) => setTimeout(r, 20)); };
(async () => {
  out('stdout is a regular file: ' + fs.fstatSync(1).isFile() + '\\n');
  out('clone https://${URL_USER}@git.example/repo.git\\n');
  out('header Authorization: Bearer ${BEARER}\\n');
  out('gh ${GH} pat ${PAT}\\n');
  out('${SLACK} ${AWS} ${HF}\\n');
  out(${JSON.stringify(ORDINARY)} + '\\n');
  out('split ${GH_SPLIT.slice(0, 12)}');
  fs.writeFileSync('half-1', '');
  await wait('go-1');
  out('${GH_SPLIT.slice(12)} end\\n');
  // A line of words running past ${BOUNDARY} bytes, the value across that offset, written in two.
  const head = 'Authorization: Bearer ';
  const at = fs.fstatSync(1).size;
  const words = 'word '.repeat(Math.ceil((${BOUNDARY} - at) / 5));
  const pad = words.slice(0, ${BOUNDARY} - at - head.length - 8);
  out(pad + head + '${BEARER_SPLIT.slice(0, 8)}');
  fs.writeFileSync('half-2', '');
  await wait('go-2');
  out('${BEARER_SPLIT.slice(8)} tail\\n');
  out('done\\n');
})();
`;

let server: ConsoleServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function call<T>(srv: ConsoleServer, name: string, body: unknown): Promise<T> {
  const res = await fetch(`http://127.0.0.1:${srv.port}/api/call/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-greenlight-token': srv.token },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as { value?: T };
  if (!res.ok) throw new Error(`${name}: ${JSON.stringify(json)}`);
  return json.value as T;
}

async function until(what: () => boolean, label: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (what()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${label}`);
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function expectNone(where: string, text: string): void {
  for (const s of SECRETS) expect(text, `${where} shows ${s}`).not.toContain(s);
}

type LogRead = { offset: number; text: string; nextOffset: number; size: number; running: boolean };

describe('secret shapes on the direct-to-file path', () => {
  it('reach no event, no log read and not the file, mid-run or after; ordinary text is untouched', { timeout: 60_000 }, async () => {
    const dir = makeProject(evalYaml(['node', 'eval.js'], '', '    gpu: none\n'), { 'eval.js': EVAL });
    const ctx = openStore();
    try {
      const site = tempDir('greenlight-site-');
      mkdirSync(join(site, 'renderer'));
      writeFileSync(join(site, 'renderer', 'index.html'), '<!doctype html><title>console</title>');
      const srv = await startConsoleServer(ctx, { staticDir: join(site, 'renderer') });
      server = srv;
      // No variable named like a secret: the eval gets the direct path (it says so below).
      const done = runEval(ctx, dir, { env: { PATH: process.env.PATH ?? '' } });
      const events = (): string => ctx.events$.flatMap((e) => (e.type === 'run.log' ? [e.text] : [])).join('');
      const runId = (): string => (ctx.events$.find((e) => e.type === 'run.status') as { runId: string }).runId;

      for (const step of [1, 2]) {
        await until(() => existsSync(join(dir, `half-${step}`)), `the eval's first half of split ${step}`);
        // Several of the follower's looks (every 100 ms) while the value is half written.
        await sleep(350);
        const live = await call<LogRead>(srv, 'runs.log', { id: runId(), offset: 0, limit: 1 << 20 });
        expect(live.running).toBe(true);
        expectNone(`mid-run read ${step}`, live.text);
        const tail = await call<LogRead>(srv, 'runs.log', { id: runId(), tail: 300 });
        expectNone(`mid-run tail ${step}`, tail.text);
        expectNone(`events before split ${step} ended`, events());
        writeFileSync(join(dir, `go-${step}`), '');
      }
      const run: RunDetail = await done;
      const log = readFileSync(run.logPath ?? '', 'latin1');
      expect(run.status, log.slice(0, 2000)).not.toBe('running');
      expect(log).toContain('stdout is a regular file: true');

      // The file on disk: masked in place, its size the one recorded, every offset kept.
      expectNone('the log file', log);
      expect(statSync(run.logPath ?? '').size).toBe(run.logBytes);
      expect(log).toContain(`\n${ORDINARY}\n`);
      expect(log).toContain(`clone https://${'[redacted]'.padEnd(URL_USER.length, '*')}@git.example/repo.git\n`);
      expect(log).toContain(`header Authorization: Bearer ${'[redacted]'.padEnd(BEARER.length, '*')}\n`);
      const bearerAt = log.indexOf(`Authorization: Bearer ${'[redacted]'.padEnd(BEARER_SPLIT.length, '*')} tail`);
      expect(bearerAt + 'Authorization: Bearer '.length).toBe(BOUNDARY - 8);
      expect(log).toContain(`split ${'[redacted]'.padEnd(GH_SPLIT.length, '*')} end\n`);

      // The live events: every byte of the log went out (the log is small), masked.
      const sent = events();
      expectNone('the events', sent);
      expect(sent).toContain(ORDINARY);
      expect(sent.endsWith('done\n')).toBe(true);

      // After the run, through the console's API: whole, in ranges cut inside values, and the tail.
      const whole = await call<LogRead>(srv, 'runs.log', { id: run.id, offset: 0, limit: 1 << 20 });
      expect(whole.running).toBe(false);
      expect(whole.text).toBe(readFileSync(run.logPath ?? '', 'utf8'));
      let joined = '';
      for (let offset = 0; offset < whole.size; ) {
        const r = await call<LogRead>(srv, 'runs.log', { id: run.id, offset, limit: 4099 });
        expectNone(`range at ${offset}`, r.text);
        joined += r.text;
        offset = r.nextOffset;
      }
      expect(joined).toBe(whole.text);
      const at = log.indexOf('clone https://') + 'clone https://'.length + 3;
      const inside = await call<LogRead>(srv, 'runs.log', { id: run.id, offset: at, limit: 10 });
      expect(inside.text).toBe('dacted]***');
    } finally {
      closeContext(ctx);
    }
  });
});
