/**
 * Secrets redacted by value, not only by variable name (issue 12): credentials in URLs,
 * `Authorization: Bearer`, GitHub / Slack / AWS / Hugging Face token shapes, and variables
 * named *AUTH*, *COOKIE*, *WEBHOOK*, *DSN* — in the log, the stored command and env, the
 * live log events, and the database file itself. A real run through the runner.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isSecretName, redactShapes } from '../../../src/core/runner/redact';
import { closeContext, evalYaml, makeProject, openStore, runEval } from './helpers';

const GH = 'ghp_' + 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8';
const PAT = 'github_pat_' + '11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz';
const SLACK = 'xoxb-' + '123456789012-1234567890123-AbCdEfGhIjKlMnOp';
const AWS = 'AKIA' + 'IOSFODNN7EXAMPLE';
const HF = 'hf_' + 'aBcDeFgHiJkLmNoPqRsTuVwXyZ012345';
const BEARER = 'eyJhbGciOiJIUzI1NiJ9.payload.sig-abcdef';
const URL_PASS = 's3cr3t-url-pass';
const ALL = [GH, PAT, SLACK, AWS, HF, BEARER, URL_PASS, 'hooks-secret-path', 'dsn-secret-key', 'cookie-value-123'];

describe('redaction by value', () => {
  it('the shapes, and the new secret names', () => {
    expect(redactShapes(`clone https://bob:${URL_PASS}@git.example/x.git`)).toBe('clone https://[redacted]@git.example/x.git');
    expect(redactShapes(`Authorization: Bearer ${BEARER}`)).toBe('Authorization: Bearer [redacted]');
    for (const t of [GH, PAT, SLACK, AWS, HF]) expect(redactShapes(`token=${t} end`)).toBe('token=[redacted] end');
    expect(redactShapes('https://example.com/a@b and ghp_short and AKIA123')).toBe('https://example.com/a@b and ghp_short and AKIA123');
    for (const n of ['HTTP_AUTH', 'SESSION_COOKIE', 'SLACK_WEBHOOK_URL', 'SENTRY_DSN']) expect(isSecretName(n), n).toBe(true);
    expect(isSecretName('GIT_AUTHOR_NAME')).toBe(false);
  });

  it('a run that prints, takes and is given secrets stores none of them', async () => {
    const script = [
      `console.log('cloning https://bob:${URL_PASS}@git.example/repo.git')`,
      `console.log('header Authorization: Bearer ${BEARER}')`,
      // Split across writes: the line is scrubbed whole.
      `process.stdout.write('gh ${GH.slice(0, 10)}'); setTimeout(() => { process.stdout.write('${GH.slice(10)} pat ${PAT}\\n'); console.log('${SLACK} ${AWS} ${HF}'); console.log(process.env.SLACK_WEBHOOK_URL, process.env.SENTRY_DSN, process.env.SESSION_COOKIE) }, 50)`,
    ].join(';');
    const env = `    env:\n      SLACK_WEBHOOK_URL: "https://hooks.example/services/hooks-secret-path"\n      SENTRY_DSN: "https://dsn-secret-key@sentry.example/1"\n      SESSION_COOKIE: "cookie-value-123"\n      PLAIN: "https://u:${URL_PASS}@h.example/"\n`;
    const dir = makeProject(evalYaml(['node', '-e', script, '--', `--repo=https://ci:${URL_PASS}@git.example/x`, `--hf=${HF}`], '', env));
    const ctx = openStore();
    try {
      const run = await runEval(ctx, dir);
      expect(run.status, readFileSync(run.logPath ?? '', 'utf8')).toBe('succeeded');
      const log = readFileSync(run.logPath ?? '', 'utf8');
      expect(log).toContain('cloning https://[redacted]@git.example/repo.git');
      expect(log).toContain('Authorization: Bearer [redacted]');
      const stored = JSON.stringify({ command: run.command, env: run.env });
      const events = JSON.stringify(ctx.events$);
      ctx.db.pragma('wal_checkpoint(TRUNCATE)');
      const dbFile = readFileSync(join(ctx.dataDir, 'greenlight.db')).toString('latin1');
      for (const s of ALL) {
        expect(log, s).not.toContain(s);
        expect(stored, s).not.toContain(s);
        expect(events, s).not.toContain(s);
        expect(dbFile, s).not.toContain(s);
      }
      expect(run.command).toContain('--repo=https://[redacted]@git.example/x');
      expect(run.env).toMatchObject({ SLACK_WEBHOOK_URL: '[redacted]', SENTRY_DSN: '[redacted]', SESSION_COOKIE: '[redacted]', PLAIN: 'https://[redacted]@h.example/' });
    } finally {
      closeContext(ctx);
    }
  });
});
