/** Real projects in temp folders, a real store, real child processes. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tempDir } from '../../helpers/cli';
import { closeContext, createContext, type AppContext } from '../../../src/main/context/context';
import '../../../src/main/runner/recovery';
import { loadProject } from '../../../src/main/project/load';
import { runManager, type StartOptions } from '../../../src/main/runner/manager';
import type { GreenlightEvent } from '../../../src/shared/events';
import type { RunDetail } from '../../../src/shared/schemas';

export function makeProject(yaml: string, files: Record<string, string> = {}): string {
  const dir = tempDir('greenlight-project-');
  writeFileSync(join(dir, 'greenlight.yaml'), yaml);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

export function openStore(home = tempDir('greenlight-home-')): AppContext & { events$: GreenlightEvent[] } {
  process.env.GREENLIGHT_HOME = home;
  const ctx = createContext({ face: 'cli' }) as AppContext & { events$: GreenlightEvent[] };
  ctx.events$ = [];
  ctx.events.subscribe((e) => ctx.events$.push(e));
  return ctx;
}

export async function runEval(ctx: AppContext, dir: string, opts: StartOptions = {}): Promise<RunDetail> {
  const project = loadProject(dir);
  const evals = opts.evalName ? project.evals.filter((e) => e.name === opts.evalName) : project.evals;
  const [s] = await runManager(ctx).start(project, evals, opts);
  return s!.done;
}

export { closeContext };

/** A one-eval greenlight.yaml around `command`. */
export function evalYaml(command: string[], extra = '', evalExtra = ''): string {
  return `project: demo\nversion: {value: 1.2.3}\nevals:\n  - name: e\n    command: ${JSON.stringify(command)}\n${evalExtra}${extra}`;
}
