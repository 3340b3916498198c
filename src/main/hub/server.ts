/**
 * The reference hub (SPEC §2.9, seed 001's worker protocol): `POST /publish` with a bearer
 * token and `multipart/form-data` parts `manifest` (JSON id, name, version), `eval_scorecard`
 * (the markdown) and optional `artifact`; `GET /index.json`; `GET
 * /agents/<id>/<version>/SCORECARD.md`. 401 without a valid token, 413 over the size limit,
 * 415 for a body that is not multipart, 409 for a version already published with other
 * content; identical re-publish answers 200 `unchanged`. Tokens are never logged.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { timingSafeEqual, createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { readBody } from '../http/body';
import { boundaryOf, MultipartError, parseMultipart } from './multipart';
import { HubStore } from './storage';
import { ManifestSchema, scorecardProblem } from './validate';

export interface HubServerOptions {
  dir: string;
  tokens: string[];
  host?: string;
  port?: number;
  maxBytes?: number;
  /** Base of `eval_scorecard_url`; defaults to the address the server listens on. */
  publicUrl?: string;
  log?: (line: string) => void;
}

export interface HubServer {
  url: string;
  store: HubStore;
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

function authorised(req: IncomingMessage, tokens: Buffer[]): boolean {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  if (!m?.[1]) return false;
  const given = digest(m[1]);
  let ok = false;
  for (const t of tokens) ok = timingSafeEqual(given, t) || ok;
  return ok;
}

/** A percent-decoded path part; malformed encoding decodes to '' (which names nothing: 404). */
function decoded(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return '';
  }
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : `${JSON.stringify(body)}\n`;
  res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...headers });
  res.end(text);
}

export async function startHubServer(opts: HubServerOptions): Promise<HubServer> {
  const tokens = opts.tokens.map((t) => t.trim()).filter(Boolean).map(digest);
  if (tokens.length === 0) throw new Error('the hub needs at least one token (--token-file F, or $GREENLIGHT_HUB_TOKENS)');
  const maxBytes = opts.maxBytes ?? 20 * 1024 * 1024;
  const log = opts.log ?? (() => undefined);
  let base = opts.publicUrl?.replace(/\/+$/, '') ?? '';
  const store = new HubStore(opts.dir, () => base);

  async function publish(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!authorised(req, tokens)) throw new HttpError(401, 'a valid bearer token is required');
    const boundary = boundaryOf(req.headers['content-type']);
    if (!boundary) throw new HttpError(415, 'expected multipart/form-data with a boundary');
    const body = await readBody(req, maxBytes);
    if (!body) throw new HttpError(413, `body larger than ${maxBytes} bytes`);
    let parts;
    try {
      parts = parseMultipart(body, boundary);
    } catch (err) {
      throw new HttpError(400, err instanceof MultipartError ? err.message : 'malformed multipart body');
    }
    const part = (name: string) => parts.find((p) => p.name === name);
    const manifestPart = part('manifest');
    if (!manifestPart) throw new HttpError(400, 'missing part "manifest"');
    let raw: unknown;
    try {
      raw = JSON.parse(manifestPart.data.toString('utf8'));
    } catch {
      throw new HttpError(400, 'manifest: not valid JSON');
    }
    const manifest = ManifestSchema.safeParse(raw);
    if (!manifest.success) throw new HttpError(400, `manifest: ${manifest.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
    const scorecard = part('eval_scorecard')?.data ?? null;
    const junk = scorecardProblem(manifest.data, scorecard);
    if (junk) throw new HttpError(400, junk);
    const artifact = part('artifact');
    // Synchronous file work: two uploads of one version cannot interleave within the server.
    const outcome = store.publish(manifest.data, scorecard, artifact ? { name: artifact.filename, data: artifact.data } : null);
    const { id, version } = manifest.data;
    if (outcome === 'conflict') throw new HttpError(409, `${id} ${version} is already published with different content`);
    if (typeof outcome === 'object') throw new HttpError(409, `${id} ${version} differs from the published ${outcome.sameAs} only in build metadata: release a new version instead`);
    log(`${outcome} ${id} ${version}`);
    const entry = store.index().agents.find((a) => a.id === id);
    send(res, outcome === 'created' ? 201 : 200, {
      ok: true,
      status: outcome,
      id,
      version,
      eval_scorecard_url: scorecard ? `${base}/agents/${id}/${version}/SCORECARD.md` : null,
      eval_score: entry?.latest_version === version ? (entry.eval_score ?? null) : null,
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://hub.invalid');
    if (url.pathname === '/publish') {
      if (req.method !== 'POST') throw new HttpError(405, 'use POST /publish');
      return publish(req, res);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, 'method not allowed');
    if (url.pathname === '/index.json') {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : store.indexText());
      return;
    }
    const m = /^\/agents\/([^/]+)\/([^/]+)\/SCORECARD\.md$/.exec(url.pathname);
    const file = m ? store.scorecardFile(decoded(m[1] ?? ''), decoded(m[2] ?? '')) : null;
    if (!file) throw new HttpError(404, 'not found');
    res.writeHead(200, { 'content-type': 'text/markdown; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    res.end(req.method === 'HEAD' ? undefined : readFileSync(file));
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      const status = err instanceof HttpError ? err.status : 500;
      const message = err instanceof HttpError ? err.message : 'internal error';
      if (status === 500) log(`error: ${err instanceof Error ? err.message : String(err)}`);
      if (!res.headersSent) send(res, status, { ok: false, error: message }, status === 401 ? { 'www-authenticate': 'Bearer' } : {});
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const addr = server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  const url = `http://${host}:${addr.port}`;
  if (!base) base = url;
  store.rebuildIndex();
  return {
    url,
    store,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections?.();
      server.close(() => resolve());
    }),
  };
}

/** Tokens from `--token-file` (one per line, # comments) and `$GREENLIGHT_HUB_TOKENS` (comma-separated). */
export function hubTokens(tokenFile: string | undefined, env: NodeJS.ProcessEnv = process.env): string[] {
  const out: string[] = [];
  if (tokenFile) {
    for (const line of readFileSync(tokenFile, 'utf8').split(/\r?\n/)) {
      const t = line.trim();
      if (t && !t.startsWith('#')) out.push(t);
    }
  }
  for (const t of (env.GREENLIGHT_HUB_TOKENS ?? '').split(',')) if (t.trim()) out.push(t.trim());
  return out;
}
