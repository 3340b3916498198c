/**
 * The hub refuses what it should question (issue 12): versions not exactly X.Y.Z[-pre][+build],
 * ids that are not lower-case, and uploads whose scorecard is missing, not a scorecard, has a
 * non-finite aggregate or another version. None of them changes the index.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startHubServer, type HubServer } from '../../../src/main/hub/server';
import { tempDir } from '../../helpers/cli';
import { card } from '../../helpers/release-repo';

const TOKEN = 'tok-validation-1';
let hub: HubServer;
let dir: string;

beforeAll(async () => {
  dir = tempDir('greenlight-hub-v-');
  hub = await startHubServer({ dir, tokens: [TOKEN] });
});
afterAll(() => hub.close());

const post = async (m: object, scorecard: string | null): Promise<{ status: number; error: string }> => {
  const f = new FormData();
  f.append('manifest', new Blob([JSON.stringify(m)], { type: 'application/json' }));
  if (scorecard !== null) f.append('eval_scorecard', new Blob([scorecard]), 'SCORECARD.md');
  const r = await fetch(`${hub.url}/publish`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` }, body: f });
  const body = (await r.json()) as { error?: string };
  return { status: r.status, error: body.error ?? '' };
};
const index = async () => (await (await fetch(`${hub.url}/index.json`)).json()) as { agents: Array<Record<string, unknown>> };
const m = (version: string, id = 'email-triage') => ({ id, name: 'Email Triage', version });

describe('hub validation', () => {
  it('versions are exact: whitespace, a leading v or a 300-character prerelease is 400, never a second 1.0.0', async () => {
    expect((await post(m('1.0.0'), card({ version: '1.0.0', successes: 46 }))).status).toBe(201);
    for (const v of ['1.0.0 ', ' 1.0.0', '1.0.0\n', '1.0.0\t', 'v1.0.0', '1.0', '01.0.0']) {
      const r = await post(m(v), card({ version: '1.0.0', successes: 10 }));
      expect(r.status, JSON.stringify(v)).toBe(400);
      expect(r.error).toMatch(/manifest: version: expected/);
    }
    const long = await post(m(`1.0.1-${'a'.repeat(300)}`), card({ version: '1.0.1', successes: 10 }));
    expect(long.status).toBe(400);
    expect(long.error).toMatch(/version: expected at most 128 characters/);
    const i = await index();
    expect(i.agents).toEqual([expect.objectContaining({ id: 'email-triage', latest_version: '1.0.0', versions: ['1.0.0'], eval_score: 46 })]);
    expect(readdirSync(join(dir, 'agents/email-triage'))).toEqual(['1.0.0']);
  });

  it('build metadata is accepted, but a version that differs only in it is 409', async () => {
    expect((await post(m('1.1.0+build.7'), card({ version: '1.1.0', successes: 50 }))).status).toBe(201);
    const again = await post(m('1.1.0+build.8'), card({ version: '1.1.0', successes: 51 }));
    expect(again.status).toBe(409);
    expect(again.error).toMatch(/only in build metadata/);
  });

  it('ids are lower-case: Agent-A is 400 (it would share a folder with agent-a on a case-insensitive disk)', async () => {
    const r = await post(m('1.0.0', 'Agent-A'), card({ version: '1.0.0', successes: 1 }));
    expect(r.status).toBe(400);
    expect(r.error).toMatch(/manifest: id: expected a lower-case id/);
  });

  it('a missing, non-scorecard, NaN-aggregate or other-version card is 400 with the reason; the index keeps eval_score', async () => {
    const before = await index();
    const good = card({ version: '2.0.0', successes: 30 });
    const cases: Array<[string | null, RegExp]> = [
      [null, /missing part "eval_scorecard"/],
      ['hello, not a card', /eval_scorecard: no YAML front matter/],
      [good.replace(/^ {2}value: 30\.0$/m, '  value: .nan'), /eval_scorecard: aggregate\.value: expected a finite number/],
      [card({ version: '1.9.0', successes: 30 }), /agent\.version is 1\.9\.0, but the manifest's version is 2\.0\.0/],
    ];
    for (const [text, why] of cases) {
      const r = await post(m('2.0.0'), text);
      expect(r.status, String(why)).toBe(400);
      expect(r.error).toMatch(why);
    }
    expect(await index()).toEqual(before);
    expect(readdirSync(join(dir, 'agents/email-triage')).sort()).toEqual(['1.0.0', '1.1.0+build.7']);
  });
});
