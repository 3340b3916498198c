/**
 * The red-team pass of issue 12, kept as a test: hostile inputs to every parser and adapter
 * (in process), and attacks on the reference hub and the console host (real servers on
 * loopback). It counts escaped throws (a parser that throws instead of returning problems),
 * hangs (over 2 s), and silent passes (a hostile input accepted), and prints the figures.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseJsonTolerant } from '../../src/core/json';
import { parseYamlData } from '../../src/core/yaml';
import { parseScorecard, validateScorecard } from '../../src/core/scorecard';
import { readCard } from '../../src/core/releases';
import { parsePolicyText } from '../../src/core/project/policy';
import { JSON_ADAPTERS } from '../../src/core/adapters';
import { loadArtefact } from '../../src/main/artefacts';
import { parseMetricOverrides } from '../../src/main/cli/metric-overrides';
import { startHubServer, type HubServer } from '../../src/main/hub/server';
import { closeContext, createContext, type AppContext } from '../../src/main/context/context';
import { startConsoleServer, type ConsoleServer } from '../../src/main/web/server';
import { tokenCookieName } from '../../src/main/web/guard';
import { tempDir } from '../helpers/cli';
import { card } from '../helpers/release-repo';

const tally = { inputs: 0, escapedThrows: 0, hangs: 0, silentPasses: 0 };
const findings: string[] = [];

async function probe(what: string, fn: () => unknown, mustRefuse: (r: unknown) => boolean): Promise<void> {
  tally.inputs++;
  const t0 = Date.now();
  try {
    const r = await Promise.race([Promise.resolve().then(fn), new Promise((_, rej) => setTimeout(() => rej(new Error('__hang__')), 2000))]);
    if (!mustRefuse(r)) {
      tally.silentPasses++;
      findings.push(`silent pass: ${what}`);
    }
  } catch (err) {
    if ((err as Error).message === '__hang__') {
      tally.hangs++;
      findings.push(`hang: ${what}`);
    } else {
      tally.escapedThrows++;
      findings.push(`throw: ${what}: ${(err as Error).message.slice(0, 120)}`);
    }
  }
  if (Date.now() - t0 > 2000 && !findings.some((f) => f.includes(what))) findings.push(`slow: ${what}`);
}
const refused = (r: unknown): boolean => typeof r === 'object' && r !== null && (r as { ok?: boolean }).ok === false;
const any = (): boolean => true;

const DEEP = 50_000;
const hostileJson = [
  '['.repeat(DEEP) + ']'.repeat(DEEP),
  '{"a":'.repeat(DEEP) + '1' + '}'.repeat(DEEP),
  '{"__proto__": {"polluted": 1}}',
  '{"constructor": {"prototype": {"x": 1}}}',
  '\uFEFF\uFEFF{}',
  '{"a": NaN, "b": -Infinity, "c": "NaN"}',
  '{"a": 1e999}',
  '"' + 'x'.repeat(1 << 20) + '"',
  '[' + '1,'.repeat(200_000) + '1]',
  '{"a":1,"a":2}',
  '\u0000',
  '{"tasks": {"t": {"status": "SUCCESS", "score": {"$gt": 0}}}}',
];
const hostileYaml = [
  'a: !!binary aGVsbG8=',
  'a: !!js/function "function(){}"',
  'a: !!python/object:os.system ["id"]',
  'a: !foo 1',
  'a: &a [*a]',
  Array.from({ length: 12 }, (_, i) => `l${i}: &l${i} [${Array(10).fill(i === 0 ? 'x' : `*l${i - 1}`).join(',')}]`).join('\n'),
  '[' .repeat(DEEP) + ']'.repeat(DEEP),
  'a: 1\na: 2',
  '? [1, 2]\n: x',
  '%YAML 9.9\n---\na: 1',
  'a: "\\uD800"',
  '<<: *missing',
];

describe('red team', () => {
  let hub: HubServer;
  let ctx: AppContext;
  let srv: ConsoleServer;
  const saved = process.env.GREENLIGHT_HOME;
  beforeAll(async () => {
    hub = await startHubServer({ dir: tempDir('greenlight-rt-hub-'), tokens: ['rt-token-123456'] });
    process.env.GREENLIGHT_HOME = tempDir('greenlight-rt-home-');
    ctx = createContext({ face: 'browser', root: process.cwd() });
    const site = join(tempDir('greenlight-rt-site-'), 'renderer');
    mkdirSync(site);
    writeFileSync(join(site, 'index.html'), '<!doctype html><title>c</title>');
    srv = await startConsoleServer(ctx, { staticDir: site, log: () => undefined });
  });
  afterAll(async () => {
    await hub.close();
    await srv.close();
    closeContext(ctx);
    process.env.GREENLIGHT_HOME = saved;
    console.log(`red team: ${tally.inputs} inputs, ${tally.escapedThrows} escaped throws, ${tally.hangs} hangs, ${tally.silentPasses} silent passes${findings.length ? `\n  ${findings.join('\n  ')}` : ''}`);
  });

  it('parsers: hostile JSON and YAML never throw, hang or pass silently where they must refuse', async () => {
    for (const [i, t] of hostileJson.entries()) {
      await probe(`parseJsonTolerant #${i}`, () => parseJsonTolerant(t), i < 2 || i === 10 ? refused : any);
      for (const [kind, adapter] of Object.entries(JSON_ADAPTERS)) {
        const parsed = parseJsonTolerant(t);
        if (parsed.ok) await probe(`adapter ${kind} #${i}`, () => adapter?.(parsed.value, { file: 'x.json', sha256: 'x' }), any);
      }
    }
    for (const [i, t] of hostileYaml.entries()) {
      await probe(`parseYamlData #${i}`, () => parseYamlData(t), i <= 3 || i === 5 || i === 6 || i === 7 ? refused : any);
      await probe(`policy #${i}`, () => parsePolicyText(t, 'p.yaml'), i <= 3 || i === 5 || i === 6 || i === 7 ? refused : any);
      await probe(`scorecard front matter #${i}`, () => parseScorecard(`---\n${t}\n---\n`), i <= 3 || i === 5 || i === 6 || i === 7 ? refused : any);
      await probe(`readCard #${i}`, () => readCard(`---\n${t}\n---\n`), (r) => refused(r) || ((r as { value: { problems: unknown[] } }).value.problems.length > 0));
    }
    await probe('validateScorecard on a deep object', () => validateScorecard(JSON.parse('{"a":'.repeat(5000) + '1' + '}'.repeat(5000))), (r) => Array.isArray(r) && r.length > 0);
    for (const m of ['__proto__=1', 'constructor=1', 'prototype=1', 'a=', '=1', 'a=0x10', 'a=1e999999', 'a b=1']) {
      await probe(`--metric ${m}`, () => {
        try {
          return { ok: true, value: parseMetricOverrides([m]) };
        } catch {
          return { ok: false };
        }
      }, m === 'a=1e999999' ? any : refused);
    }
    // Seeded random text: nothing throws.
    const samples = fc.sample(fc.oneof(fc.string({ maxLength: 200 }), fc.json({ depthSize: 'large' }), fc.string({ unit: 'binary', maxLength: 100 })), { numRuns: 600, seed: 12 });
    for (const [i, s] of samples.entries()) {
      await probe(`random json #${i}`, () => parseJsonTolerant(s), any);
      await probe(`random yaml #${i}`, () => parseYamlData(s), any);
      await probe(`random card #${i}`, () => readCard(`---\n${s}\n---\n`), any);
    }
  }, 120_000);

  it('files: special files and links are refused by the artefact loader', async () => {
    const d = tempDir('greenlight-rt-files-');
    execFileSync('mkfifo', [join(d, 'fifo.json')]);
    symlinkSync('/dev/zero', join(d, 'zero.json'));
    symlinkSync('/dev/urandom', join(d, 'random.md'));
    symlinkSync(join(d, 'loop'), join(d, 'loop'));
    for (const f of ['fifo.json', 'zero.json', 'random.md', 'loop', '/dev/stdin', '/proc/self/mem']) {
      for (const kind of [undefined, 'eval-report', 'scorecard', 'labelled-traces'] as const) {
        await probe(`loadArtefact ${f} ${kind ?? 'auto'}`, () => loadArtefact(f.startsWith('/') ? f : join(d, f), kind), refused);
      }
    }
  }, 60_000);

  it('hub and console: attacks answer 4xx, never 500, and store nothing', async () => {
    const post = async (manifest: unknown, scorecard: string | null, auth = 'Bearer rt-token-123456'): Promise<number> => {
      const f = new FormData();
      f.append('manifest', new Blob([typeof manifest === 'string' ? manifest : JSON.stringify(manifest)]));
      if (scorecard !== null) f.append('eval_scorecard', new Blob([scorecard]), 'SCORECARD.md');
      return (await fetch(`${hub.url}/publish`, { method: 'POST', headers: { authorization: auth }, body: f })).status;
    };
    const good = card({ version: '1.0.0', successes: 40 });
    const versions = ['1.0.0 ', ' 1.0.0', '1.0.0\n', '1.0.0\t', 'v1.0.0', `1.0.0-${'a'.repeat(300)}`, '1.0.0/../..', '1.0.0-..', '01.0.0', '1.0', '', '1.0.0+', '1.0.0\u0000'];
    for (const v of versions) await probe(`hub version ${JSON.stringify(v).slice(0, 30)}`, () => post({ id: 'a', name: 'a', version: v }, good), (s) => s === 400);
    for (const id of ['Agent-A', '../x', '.x', 'a/b', 'a'.repeat(200), '', 'a\u0000', 'ａ']) await probe(`hub id ${JSON.stringify(id).slice(0, 30)}`, () => post({ id, name: 'a', version: '1.0.0' }, good), (s) => s === 400);
    for (const [i, sc] of [null, 'x', '---\n---\n', good.replace(/^ {2}value: 40\.0$/m, '  value: .nan'), card({ version: '1.0.1', successes: 1 }), good.replace('version: 1.0.0', 'version: !!binary aGVsbG8=')].entries()) {
      await probe(`hub card #${i}`, () => post({ id: 'a', name: 'a', version: '1.0.0' }, sc), (s) => s === 400);
    }
    for (const m of ['{', '[]', 'null', '{"id":1}', '{"__proto__":{"id":"x"}}']) await probe(`hub manifest ${m}`, () => post(m, good), (s) => s === 400);
    for (const a of ['', 'Bearer', 'Bearer  ', 'Basic cnQ6dA==', 'Bearer rt-token-12345', 'bearer rt-token-123456x']) await probe(`hub auth ${JSON.stringify(a)}`, () => post({ id: 'a', name: 'a', version: '1.0.0' }, good, a), (s) => s === 401);
    for (const p of ['/agents/%2e%2e/1.0.0/SCORECARD.md', '/agents/a/%zz/SCORECARD.md', '/agents/a/..%2F..%2Findex.json/SCORECARD.md', '/index.json/../../etc/passwd']) {
      await probe(`hub GET ${p}`, async () => (await fetch(`${hub.url}${p}`)).status, (s) => s === 404);
    }
    const index = (await (await fetch(`${hub.url}/index.json`)).json()) as { agents: unknown[] };
    expect(index.agents).toEqual([]);
    const host = `127.0.0.1:${srv.port}`;
    const name = tokenCookieName(srv.port);
    for (const cookie of ['%', '%zz', `${name}=%`, `${name}=%E0%A4%A`, `${name}=${'%'.repeat(5000)}`, `${name}=${srv.token}%00`]) {
      await probe(`console cookie ${cookie.slice(0, 30)}`, async () => (await fetch(`http://${host}/api/call/app.info`, { method: 'POST', headers: { cookie: cookie.startsWith(name) ? cookie : `${name}=${cookie}`, 'content-type': 'application/json' }, body: '{}' })).status, (s) => s === 401);
    }
    const auth = { cookie: `${name}=${srv.token}`, 'content-type': 'application/json', origin: `http://${host}` };
    for (const [call, input] of [
      ['releases.diff', { projectId: 'nope', baseline: '/etc/passwd' }],
      ['diff.run', { runId: 'nope', againstRunId: '/etc/shadow' }],
      ['runs.log', { runId: '../../etc/passwd', offset: 0 }],
      ['projects.open', { path: '/dev/zero' }],
      ['publish.hub.trust', { projectId: 'x', origin: 'http://evil.example', tokenEnv: 'AWS_SECRET_ACCESS_KEY' }],
    ] as const) {
      await probe(`console ${call}`, async () => (await fetch(`http://${host}/api/call/${call}`, { method: 'POST', headers: auth, body: JSON.stringify(input) })).status, (s) => typeof s === 'number' && s >= 400 && s < 500);
    }
  }, 120_000);

  it('the figures: no escaped throws, no hangs, no silent passes', () => {
    expect(findings).toEqual([]);
    expect(tally.inputs).toBeGreaterThan(1000);
  });
});
