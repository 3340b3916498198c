import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
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
});
