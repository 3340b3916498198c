import { afterEach, describe, expect, it } from 'vitest';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { closeContext, createContext, type AppContext } from '../../src/main/context/context';
import { dispatch } from '../../src/main/api';
import { ROOT, tempDir } from '../helpers/cli';

let ctx: AppContext | undefined;
afterEach(() => {
  if (ctx) closeContext(ctx);
  ctx = undefined;
  delete process.env.GREENLIGHT_HOME;
});

function context(seedExample = false): AppContext {
  process.env.GREENLIGHT_HOME = tempDir('greenlight-home-');
  ctx = createContext({ face: 'browser', root: ROOT, seedExample });
  return ctx;
}

describe('the service table behind both transports', () => {
  it('validates input with the contract before a handler runs', async () => {
    const c = context();
    const r = await dispatch(c, 'projects.open', { path: 42 });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('invalid_input');
      expect(r.error.problems?.[0]?.path).toBe('path');
    }
    const unknown = await dispatch(c, 'projects.delete-everything', {});
    expect(unknown.ok).toBe(false);
  });

  it('reports app info and the data folder it created', async () => {
    const c = context();
    const r = await dispatch(c, 'app.info', {});
    expect(r).toMatchObject({ ok: true, value: { name: 'Greenlight', dataDir: process.env.GREENLIGHT_HOME, electron: false } });
  });

  it('adds the bundled example project on first start, once', async () => {
    const c = context(true);
    const first = await dispatch(c, 'projects.list', {});
    expect(first.ok && (first.value as Array<{ name: string; example: boolean }>).filter((p) => p.example).map((p) => p.name)).toEqual(['email-triage']);
    closeContext(c);
    ctx = createContext({ face: 'browser', root: ROOT, seedExample: true });
    const again = await dispatch(ctx, 'projects.list', {});
    expect(again.ok && (again.value as unknown[]).length).toBe(1);
  });

  it('opens a project folder, reading its name from greenlight.yaml, and shows a broken policy inline', async () => {
    const c = context();
    const dir = join(tempDir(), 'repo');
    mkdirSync(dir);
    writeFileSync(join(dir, 'greenlight.yaml'), 'project: my-agent\n');
    const r = await dispatch(c, 'projects.open', { path: dir });
    expect(r).toMatchObject({ ok: true, value: { name: 'my-agent', path: dir, configError: null } });
    writeFileSync(join(dir, 'greenlight.yaml'), 'project: [unclosed\n');
    const list = await dispatch(c, 'projects.list', {});
    const p = list.ok ? (list.value as Array<{ configError: string | null }>)[0] : undefined;
    expect(p?.configError).toMatch(/greenlight\.yaml/);
  });

  it("projects.init writes the CLI's greenlight.yaml into a folder without one and adds it; refuses what init refuses", async () => {
    const c = context();
    const dir = join(tempDir(), 'agent');
    mkdirSync(dir);
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: '@acme/agent', version: '1.2.3' }));
    const r = await dispatch(c, 'projects.init', { path: dir });
    expect(r).toMatchObject({ ok: true, value: { file: join(dir, 'greenlight.yaml'), project: { name: 'agent', path: dir, configError: null }, problems: [] } });
    if (r.ok) expect((r.value as { found: string[] }).found).toEqual(['version from package.json', '0 artefact(s)', 'no release tags']);
    // The same file the CLI writes: its scaffold, read by the one loader.
    expect(readFileSync(join(dir, 'greenlight.yaml'), 'utf8')).toMatch(/^# greenlight\.yaml — written by `greenlight init`/);
    const list = await dispatch(c, 'projects.list', {});
    expect(list.ok && (list.value as Array<{ path: string }>).map((p) => p.path)).toEqual([dir]);

    const again = await dispatch(c, 'projects.init', { path: dir });
    expect(again).toMatchObject({ ok: false, error: { code: 'invalid_input', message: `${join(dir, 'greenlight.yaml')}: already exists; nothing written (greenlight init never overwrites a project file)` } });
    const file = await dispatch(c, 'projects.init', { path: join(dir, 'package.json') });
    expect(file).toMatchObject({ ok: false, error: { message: `${join(dir, 'package.json')}: not a folder (a file of that name is there)` } });
    const locked = process.getuid?.() === 0 ? '/sys/kernel' : join(tempDir(), 'locked');
    if (locked !== '/sys/kernel') {
      mkdirSync(locked);
      chmodSync(locked, 0o555);
    }
    const denied = await dispatch(c, 'projects.init', { path: locked });
    expect(denied).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(new RegExp(`^${locked}: the folder is not writable \\((EACCES|EPERM|EROFS)\\); nothing written$`)) } });
    const after = await dispatch(c, 'projects.list', {});
    expect(after.ok && (after.value as unknown[]).length).toBe(1);
  });
});
