/** The release calls over the one contract, on the bundled example made into a real repository. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeContext, createContext, type AppContext } from '../../../src/main/context/context';
import { dispatch } from '../../../src/main/api';
import { tempDir } from '../../helpers/cli';
import { git, recordRun } from '../../helpers/release-repo';

let ctx: AppContext;
let projectId = '';
let dir = '';
const saved = process.env.GREENLIGHT_HOME;

beforeAll(() => {
  process.env.GREENLIGHT_HOME = tempDir('greenlight-api-');
  ctx = createContext({ face: 'browser', seedExample: true, root: process.cwd() });
});
afterAll(() => {
  closeContext(ctx);
  process.env.GREENLIGHT_HOME = saved;
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- assertions read nested fields of the contract's outputs
type Loose = Record<string, any>;
const call = async (name: string, input: unknown): Promise<Loose> => {
  const r = await dispatch(ctx, name, input);
  if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
  return r.value as Loose;
};

describe('release calls', () => {
  it('the example starts with one tagged release and its card', async () => {
    const projects = (await call('projects.list', {})) as unknown as Array<{ id: string; path: string; example: boolean }>;
    const example = projects.find((p) => p.example);
    expect(example).toBeDefined();
    projectId = example?.id ?? '';
    dir = example?.path ?? '';
    const r = await call('releases.list', { projectId });
    expect(r.tagPatterns).toEqual(['email-triage-v{version}']);
    expect(r.releases).toEqual([expect.objectContaining({ version: '0.2.0', tag: 'email-triage-v0.2.0', scorecard_path: 'SCORECARD.md', card_version: '0.2.0', aggregate: 88.18, problems: [] })]);
  });

  it('a run of the current version is diffed against the previous release and planned for publishing', async () => {
    await expect(call('publish.plan', { projectId })).rejects.toThrow(/no runs to publish/);
    const head = git(dir, 'rev-parse', 'HEAD').trim();
    const runId = recordRun({ dir, remote: '', home: ctx.dataDir }, { version: '0.3.0', successes: 33, n: 40, commit: head, decision: 'ACCEPT' });
    const diff = await call('diff.run', { runId });
    expect(diff.baseline).toMatchObject({ label: 'email-triage-v0.2.0', version: '0.2.0', aggregate: 88.18 });
    expect(diff.candidate).toMatchObject({ version: '0.3.0', aggregate: 82.5 });
    expect(diff.metrics[0]).toMatchObject({ name: 'category_accuracy', method: 'newcombe' });

    const plan = await call('publish.plan', { runId });
    expect(plan.problems).toEqual([]);
    expect(plan.steps).toEqual(['write', 'commit', 'upload', 'tag', 'push']);
    expect(plan).toMatchObject({ version: '0.3.0', tag: 'email-triage-v0.3.0', scorecardPath: 'SCORECARD.md', git: { branch: 'main', push: 'origin' }, hub: { id: 'email-triage' } });
    expect(plan.cardDiff).toContain('+ # Email Triage — Eval Scorecard v0.3.0');
    expect(plan.previous).toMatchObject({ version: '0.2.0' });
    expect(await call('publish.status', { projectId })).toBeNull();
  });

  it('bad input is answered with a clear error, and the token is never stored outside the desktop keychain', async () => {
    const bad = await dispatch(ctx, 'publish.plan', {});
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const token = await call('publish.token.set', { projectId, token: 'a-token-of-some-length' });
    expect(token).toMatchObject({ stored: false });
    expect(String(token.reason)).toContain('desktop app');
  });
});
