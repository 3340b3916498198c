/** `greenlight serve`: the browser console on loopback. */
import type { Command } from 'commander';
import { join } from 'node:path';
import { action } from '../exit';
import { parsePort } from '../parsers';
import { UsageError } from '../../../core/errors';
import { closeContext, createContext } from '../../context/context';
import { startConsoleServer } from '../../web/server';
import { SESSION_FILE, readKeptSession, writeKeptSession } from '../../web/token';

export function register(program: Command): void {
  program
    .command('serve')
    .description('serve the console to a browser on loopback, with a new token at every start unless --keep; Ctrl-C stops it')
    .option('--port <port>', 'port to listen on (default: a free port)', parsePort)
    .option('--host <host>', 'loopback address to bind', '127.0.0.1')
    .option('--keep', `keep the port and token across restarts (kept in ${SESSION_FILE} in the data folder, owner-only), so bookmarks keep working`)
    .option('--reason <text>', 'a sentence printed before the URL (used by npm start)')
    .action(
      action(async (opts: { port?: number; host: string; reason?: string; keep?: boolean }) => {
        const ctx = createContext({ face: 'browser', seedExample: true });
        const kept = opts.keep ? readKeptSession(ctx.dataDir) : { session: null };
        if (kept.problem) process.stderr.write(`greenlight serve: ${kept.problem}\n`);
        let srv;
        try {
          srv = await startConsoleServer(ctx, {
            host: opts.host,
            port: opts.port ?? kept.session?.port,
            ...(kept.session ? { token: kept.session.token } : {}),
            staticDir: join(ctx.root, 'out', 'renderer'),
            log: (line) => process.stderr.write(`greenlight serve: ${line}\n`),
          });
        } catch (err) {
          closeContext(ctx);
          const busy = (err as { code?: string }).code === 'EADDRINUSE';
          throw new UsageError(busy ? `port ${opts.port ?? kept.session?.port} is in use${kept.session ? ` (kept in ${join(ctx.dataDir, SESSION_FILE)})` : ''}: stop the other console, or pass --port` : err instanceof Error ? err.message : String(err));
        }
        if (opts.keep) {
          const file = writeKeptSession(ctx.dataDir, { port: srv.port, token: srv.token });
          process.stderr.write(`greenlight serve: port and token kept in ${file} (mode 0600); delete it for a new token\n`);
        }
        if (opts.reason) process.stdout.write(`${opts.reason}\n`);
        process.stdout.write(`Greenlight console: ${srv.url}\n`);
        process.stderr.write(`data folder: ${ctx.dataDir}\n`);
        await new Promise<void>((resolve) => {
          const stop = (): void => {
            void srv.close().then(() => {
              closeContext(ctx);
              resolve();
            });
          };
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
        return 0;
      }),
    );
}

