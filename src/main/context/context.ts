/**
 * Everything a service needs, built once per process by `createContext` and shared by the
 * IPC binding, the HTTP bridge and the CLI.
 */
import { mkdirSync } from 'node:fs';
import type { Db } from '../store/db';
import { openDatabase, StoreError } from '../store/db';
import { electronNativeBindingPath } from '../store/native';
import { appRoot, databasePath, resolveDataDir } from '../paths';
import { EventBus } from './events';
import { ensureExampleProject } from '../examples/copy';

export interface AppContext {
  db: Db;
  dataDir: string;
  root: string;
  face: 'desktop' | 'browser' | 'cli';
  events: EventBus;
  /** Hooks run when the context closes (stop samplers, kill runs, close the db). */
  onClose: Array<() => void>;
}

export interface ContextOptions {
  face: AppContext['face'];
  electronUserData?: string;
  root?: string;
  /** Add the bundled example project when the store is new (app and console; not the CLI). */
  seedExample?: boolean;
}

export function createContext(opts: ContextOptions): AppContext {
  const root = opts.root ?? appRoot();
  const dataDir = resolveDataDir({ electronUserData: opts.electronUserData });
  try {
    mkdirSync(dataDir, { recursive: true });
  } catch (err) {
    // Recursive mkdir on a read-only file system can answer ENOENT: any failure here is the folder's.
    throw new StoreError(`${dataDir}: the data folder cannot be created (${(err as NodeJS.ErrnoException).code ?? String(err)}); set $GREENLIGHT_HOME to a writable folder`);
  }
  const db = openDatabase(databasePath(dataDir), { nativeBinding: electronNativeBindingPath(root) });
  const ctx: AppContext = { db, dataDir, root, face: opts.face, events: new EventBus(), onClose: [] };
  for (const hook of startupHooks) hook(ctx);
  if (opts.seedExample) ensureExampleProject(ctx);
  return ctx;
}

export function closeContext(ctx: AppContext): void {
  for (const hook of ctx.onClose.splice(0).reverse()) {
    try {
      hook();
    } catch {
      // closing must go on
    }
  }
  if (ctx.db.open) ctx.db.close();
}

/**
 * Work every face does at start, in order (e.g. marking runs whose owner died as
 * `interrupted`). Rooms register theirs with `onStartup`.
 */
const startupHooks: Array<(ctx: AppContext) => void> = [];
export function onStartup(hook: (ctx: AppContext) => void): void {
  startupHooks.push(hook);
}
