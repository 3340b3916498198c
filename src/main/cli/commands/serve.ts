/** `greenlight serve`: the browser console on loopback. */
import type { Command } from 'commander';
import { join } from 'node:path';
import { action } from '../exit';
import { parsePort } from '../parsers';
import { UsageError } from '../../../core/errors';
import { closeContext, createContext } from '../../context/context';
import { startConsoleServer } from '../../web/server';

export function register(program: Command): void {
  program
    .command('serve')
    .description('serve the console to a browser on loopback, with a per-start token')
    .option('--port <port>', 'port to listen on (default: a free port)', parsePort)
    .option('--host <host>', 'loopback address to bind', '127.0.0.1')
    .option('--reason <text>', 'a sentence printed before the URL (used by npm start)')
    .action(
      action(async (opts: { port?: number; host: string; reason?: string }) => {
        const ctx = createContext({ face: 'browser', seedExample: true });
        let srv;
        try {
          srv = await startConsoleServer(ctx, {
            host: opts.host,
            port: opts.port,
            staticDir: join(ctx.root, 'out', 'renderer'),
            log: (line) => process.stderr.write(`greenlight serve: ${line}\n`),
          });
        } catch (err) {
          closeContext(ctx);
          throw new UsageError(err instanceof Error ? err.message : String(err));
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

