/** GpuQueue forgets an aborted run once it releases; recovery announces only runs it changed. */
import { afterEach, describe, expect, it } from 'vitest';
import { GpuQueue } from '../../../src/main/runner/gpu-queue';
import { recoverInterruptedRuns } from '../../../src/main/runner/recovery';
import { insertRun } from '../../../src/main/store/run-records';
import { upsertProject } from '../../../src/main/store/projects';
import { closeContext, openStore } from './helpers';
import type { AppContext } from '../../../src/main/context/context';
import type { GreenlightEvent } from '../../../src/shared/events';

let ctx: (AppContext & { events$: GreenlightEvent[] }) | null = null;
afterEach(() => {
  if (ctx) closeContext(ctx);
  ctx = null;
});

const abortedOf = (q: GpuQueue): Set<string> => (q as unknown as { aborted: Set<string> }).aborted;

describe('GpuQueue', () => {
  it('an aborted run is forgotten when it releases (queued, CPU-only or holding the GPU)', async () => {
    ctx = openStore();
    const q = new GpuQueue(ctx.db, 10);
    const first = await q.acquire('a', '0');
    const waiting = q.acquire('b', '0');
    q.abort('b');
    (await waiting)();
    q.abort('c');
    (await q.acquire('c', null))();
    q.abort('a');
    first();
    expect(abortedOf(q).size).toBe(0);
  });
});

describe('recoverInterruptedRuns', () => {
  it('does not announce a run that another process finished meanwhile', () => {
    ctx = openStore();
    const db = ctx.db;
    const p = upsertProject(db, { name: 'p', path: '/tmp/p' });
    for (const id of ['r1', 'r2']) {
      insertRun(db, {
        id, projectId: p.id, eval: 'e', version: null, gitCommit: null, gitDirty: null, command: ['x'], cwd: '/tmp/p', env: {}, status: 'running',
        logPath: '/tmp/p/none.log', runDir: '/tmp/p/run', hardware: null, tier: 'base', gpu: null, timeoutMs: null, ownerPid: 2 ** 22 + 12345,
      });
    }
    // Whichever is marked first, the other is finished by "another process" at that moment.
    db.exec(`CREATE TRIGGER other_process AFTER UPDATE OF status ON runs WHEN NEW.status = 'interrupted'
      BEGIN UPDATE runs SET status = 'succeeded' WHERE id != NEW.id AND status = 'running'; END;`);
    ctx.events$.length = 0;
    const out = recoverInterruptedRuns(ctx);
    expect(out).toHaveLength(1);
    const announced = ctx.events$.filter((e) => e.type === 'run.status');
    expect(announced).toHaveLength(1);
    expect(announced[0]).toMatchObject({ runId: out[0], status: 'interrupted' });
  });
});
