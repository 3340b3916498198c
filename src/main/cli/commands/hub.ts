/** `greenlight hub serve`: the reference hub, for teams without one and for tests. */
import type { Command } from 'commander';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { action } from '../exit';
import { parsePort } from '../parsers';
import { UsageError } from '../../../core/errors';
import { hubTokens, startHubServer } from '../../hub/server';
import { approveHub, hubTrust } from '../../hub/trust';
import { resolveDataDir } from '../../paths';

export function register(program: Command): void {
  const hub = program.command('hub').description('the reference hub, and which hubs may receive a token');
  hub
    .command('trust <url>')
    .description('approve sending the token in $NAME to this hub (kept in the data folder, never in the repository)')
    .requiredOption('--token-env <name>', 'the environment variable that holds the token (publish.hub.token_env)')
    .action(
      action((url: string, opts: { tokenEnv: string }) => {
        const dataDir = resolveDataDir({});
        const t = hubTrust(dataDir, url, opts.tokenEnv);
        if (t.problem) throw new UsageError(`${url}: ${t.problem}`);
        const r = approveHub(dataDir, url, opts.tokenEnv);
        process.stdout.write(`${t.approved ? 'already approved' : 'approved'}: $${r.tokenEnv} may be sent to ${r.origin}\n`);
        return 0;
      }),
    );
  hub
    .command('serve')
    .description('serve a hub from a folder: POST /publish, GET /index.json, GET /agents/<id>/<version>/SCORECARD.md')
    .requiredOption('--dir <dir>', 'the folder the hub keeps agents and index.json in')
    .option('--port <port>', 'port (default: a free port)', parsePort)
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option('--token-file <file>', 'accepted bearer tokens, one per line (also $GREENLIGHT_HUB_TOKENS, comma-separated)')
    .option('--public-url <url>', 'base URL for eval_scorecard_url (default: the listening address)')
    .action(
      action(async (opts: { dir: string; port?: number; host: string; tokenFile?: string; publicUrl?: string }) => {
        let tokens: string[];
        try {
          tokens = hubTokens(opts.tokenFile);
        } catch (err) {
          throw new UsageError(`${opts.tokenFile}: cannot read the token file (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
        }
        if (tokens.length === 0) throw new UsageError('no hub tokens: pass --token-file F or set $GREENLIGHT_HUB_TOKENS');
        const dir = resolve(opts.dir);
        mkdirSync(dir, { recursive: true });
        let srv;
        try {
          srv = await startHubServer({ dir, tokens, host: opts.host, port: opts.port, publicUrl: opts.publicUrl, log: (l) => process.stderr.write(`greenlight hub: ${l}\n`) });
        } catch (err) {
          throw new UsageError(err instanceof Error ? err.message : String(err));
        }
        process.stdout.write(`Greenlight hub: ${srv.url}\n`);
        await new Promise<void>((done) => {
          const stop = (): void => void srv.close().then(done);
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
        return 0;
      }),
    );
}
