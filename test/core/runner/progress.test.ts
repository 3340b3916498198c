import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { completedProgress, ProgressTracker, parseProgressLine } from '../../../src/core/runner/progress';

describe('progress lines', () => {
  it('reads counters, percentages and tqdm bars', () => {
    expect(parseProgressLine('12/220 email-0012 ok')).toEqual({ done: 12, total: 220, fraction: 12 / 220, etaSeconds: null });
    expect(parseProgressLine('[eval] item 3 / 10')).toMatchObject({ done: 3, total: 10 });
    expect(parseProgressLine('progress: 45.5%')).toMatchObject({ done: 45.5, total: 100, fraction: 0.455 });
    expect(parseProgressLine(' 45%|████▌     | 99/220 [00:10<00:12,  9.50it/s]')).toEqual({ done: 99, total: 220, fraction: 0.45, etaSeconds: 12 });
    expect(parseProgressLine('100%|██████████| 1.2k/1.2k [01:02<00:00, 19.3it/s]')).toMatchObject({ done: 1200, total: 1200, etaSeconds: 0 });
  });

  it('ignores what only looks like progress', () => {
    for (const line of ['see docs/v2/readme', 'date 2026/11/23', 'ratio 5/0', '300/200 overshoot', 'http://x/1/2', 'error 404%d', 'no numbers here', '150%']) {
      expect(parseProgressLine(line)).toBeNull();
    }
  });

  it('never throws and stays in [0, 1] on any text', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const p = parseProgressLine(s);
        if (p) expect(p.fraction === null || (p.fraction >= 0 && p.fraction <= 1)).toBe(true);
      }),
    );
  });

  it('follows tqdm redraws split across chunks and \\r', () => {
    const t = new ProgressTracker();
    t.feed('\r 10%|█         | 22/220 [00:01<00:09');
    expect(t.take()).toMatchObject({ done: 22 });
    t.feed(', 20it/s]\r 20%|██        | 44/2');
    expect(t.take()).toBeNull();
    t.feed('20 [00:02<00:08, 20it/s]\n');
    expect(t.take()).toMatchObject({ done: 44, total: 220, etaSeconds: 8 });
    expect(t.take()).toBeNull();
  });

  it('reports the newest tqdm redraw (the unfinished tail), not an older bar on a complete line', () => {
    const t = new ProgressTracker();
    t.feed('\r 40%|████      | 40/100 [00:04<00:06, 10it/s]\r 45%|████▌     | 45/100 [00:04<00:05, 10it/s]');
    expect(t.take()).toMatchObject({ done: 45, total: 100, etaSeconds: 5 });
  });

  it('keeps up with a flood by looking at the newest output only', () => {
    const t = new ProgressTracker();
    t.feed('x'.repeat(1_000_000) + '\n7/9\n' + 'y'.repeat(100));
    expect(t.latest).toMatchObject({ done: 7, total: 9 });
  });

  it("a closing summary after the final count is not progress (the example's last line)", () => {
    for (const chunks of [
      ['219/220 e-219 spam -> spam\n220/220 e-220 sales -> sales\naccuracy 0.9045 (199/220); artefacts in /tmp/x\n'],
      ['220/220 e-220 sales -> sales\n', 'accuracy 0.9045 (199/220); artefacts in /tmp/x\n'],
      ['220/220 e-220 sales -> sales\n', 'accuracy 90.45%\n', 'done\n'],
    ]) {
      const t = new ProgressTracker();
      for (const c of chunks) t.feed(c);
      expect(t.latest, chunks.join('|')).toMatchObject({ done: 220, total: 220, fraction: 1 });
    }
  });

  it('counting that starts again after a complete count shows once it goes on (the next epoch)', () => {
    const t = new ProgressTracker();
    t.feed('219/220\n220/220\n');
    t.feed('epoch 2 of 2\n1/220\n');
    expect(t.latest).toMatchObject({ done: 220 });
    t.feed('2/220\n');
    expect(t.latest).toMatchObject({ done: 2, total: 220 });
    t.feed('3/220\n');
    expect(t.latest).toMatchObject({ done: 3, total: 220 });
    // tqdm's redrawn bar: the same.
    const u = new ProgressTracker();
    u.feed('\r100%|██████████| 10/10 [00:01<00:00]\n');
    u.feed('\r 10%|█         | 1/10 [00:00<00:09]');
    expect(u.latest).toMatchObject({ done: 10, total: 10 });
    u.feed('\r 20%|██        | 2/10 [00:00<00:08]');
    expect(u.latest).toMatchObject({ done: 2, total: 10 });
  });

  it('an eval that ran to its end is complete; no progress stays none', () => {
    expect(completedProgress({ done: 199, total: 220, fraction: 199 / 220, etaSeconds: 3 })).toEqual({ done: 220, total: 220, fraction: 1, etaSeconds: null });
    expect(completedProgress({ done: 45, total: 100, fraction: 0.45, etaSeconds: null })).toEqual({ done: 100, total: 100, fraction: 1, etaSeconds: null });
    expect(completedProgress(null)).toBeNull();
  });
});
