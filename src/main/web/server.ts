/**
 * The browser console host: the same renderer and the same services as the desktop app,
 * over loopback HTTP. Calls are `POST /api/call/<name>` with a JSON body; events stream
 * from `GET /api/events` as server-sent events. Static files come from the built renderer.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import type { AppContext } from '../context/context';
import { dispatch, isMutating } from '../api';
import { readBody } from '../http/body';
import {
  CONTENT_SECURITY_POLICY,
  allowedHosts,
  hostAllowed,
  isLoopbackAddress,
  originAllowed,
  redactUrl,
  tokenCookieName,
  tokenSource,
} from './guard';
import { newToken } from './token';
import { LOST_SESSION_PAGE } from './lost-session';
import { staticBody, streamedCacheControl } from './static-files';

const MAX_BODY = 1 << 20;
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
};

export interface ConsoleServer {
  server: Server;
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export interface ServeOptions {
  host?: string;
  port?: number;
  staticDir: string;
  log?: (line: string) => void;
  /** A kept token (`greenlight serve --keep`); a new one at every start otherwise. */
  token?: string;
}

export async function startConsoleServer(ctx: AppContext, opts: ServeOptions): Promise<ConsoleServer> {
  const host = opts.host ?? '127.0.0.1';
  if (!isLoopbackAddress(host)) {
    throw new Error(`--host ${host}: the browser console binds loopback only (127.0.0.1 or ::1); reach it remotely through SSH port forwarding`);
  }
  const token = opts.token ?? newToken();
  const log = opts.log ?? (() => {});
  let allowed = new Set<string>();
  let cookieName = '';
  const sseClients = new Set<ServerResponse>();

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      log(`error ${req.method} ${redactUrl(req.url ?? '')}: ${err instanceof Error ? err.message : String(err)}`);
      if (!res.headersSent) send(res, 500, { error: { code: 'failed', message: 'internal error' } });
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    if (!hostAllowed(req.headers.host, allowed)) {
      return send(res, 421, { error: { code: 'forbidden', message: 'unexpected Host header' } });
    }
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    const source = tokenSource(
      {
        url,
        cookie: req.headers.cookie,
        authorization: req.headers.authorization,
        tokenHeader: header(req, 'x-greenlight-token'),
      },
      token,
      cookieName,
    );
    if (source === null) {
      // A tab left open across a restart asks for the page again: tell its reader how to get back in.
      if (req.method === 'GET' && !url.pathname.startsWith('/api/')) {
        res.writeHead(401, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Security-Policy': CONTENT_SECURITY_POLICY });
        res.end(LOST_SESSION_PAGE);
        return;
      }
      return send(res, 401, { error: { code: 'forbidden', message: 'missing or wrong token: open the URL printed by `greenlight serve`' } });
    }
    if (source === 'query') {
      // Keep the session in an HttpOnly cookie and drop the token from the address bar.
      res.setHeader('Set-Cookie', `${cookieName}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`);
      if (req.method === 'GET' && !url.pathname.startsWith('/api/')) {
        url.searchParams.delete('token');
        res.writeHead(303, { Location: url.pathname + url.search });
        res.end();
        return;
      }
    }
    if (url.pathname.startsWith('/api/call/') && req.method === 'POST') {
      const name = decoded(url.pathname.slice('/api/call/'.length)) ?? '';
      const origin = header(req, 'origin');
      // Browsers always send Origin on POST; a client without one must use the header token.
      const originOk = origin === undefined ? source === 'header' : originAllowed(origin, allowed);
      if (isMutating(name) && !originOk) {
        return send(res, 403, { error: { code: 'forbidden', message: 'cross-origin request refused' } });
      }
      // Only JSON is read: a cross-site <form> can send text/plain or form encodings, never
      // application/json (a page's fetch with it needs a CORS preflight, which we never grant).
      if (!isJson(header(req, 'content-type'))) {
        req.resume();
        return send(res, 415, { error: { code: 'invalid_input', message: 'expected Content-Type: application/json' } });
      }
      const body = (await readBody(req, MAX_BODY))?.toString('utf8') ?? null;
      if (body === null) return send(res, 413, { error: { code: 'invalid_input', message: 'request body too large' } });
      let input: unknown;
      try {
        input = body.length ? JSON.parse(body) : {};
      } catch {
        return send(res, 400, { error: { code: 'invalid_input', message: 'request body is not JSON' } });
      }
      const result = await dispatch(ctx, name, input);
      if (result.ok) return send(res, 200, { value: result.value ?? null });
      const status = { invalid_input: 400, not_found: 404, conflict: 409, forbidden: 403, failed: 500 }[result.error.code];
      return send(res, status, { error: result.error });
    }
    if (url.pathname === '/api/events' && req.method === 'GET') {
      res.writeHead(200, {
        'Content-Type': 'text/event-stream',
        'Cache-Control': 'no-cache, no-transform',
        Connection: 'keep-alive',
      });
      res.write(': connected\n\n');
      sseClients.add(res);
      const unsubscribe = ctx.events.subscribe((event) => {
        res.write(`data: ${JSON.stringify(event)}\n\n`);
      });
      const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
      req.on('close', () => {
        clearInterval(ping);
        unsubscribe();
        sseClients.delete(res);
      });
      return;
    }
    if (req.method === 'GET' || req.method === 'HEAD') return serveStatic(url.pathname, req, res);
    return send(res, 405, { error: { code: 'invalid_input', message: 'method not allowed' } });
  }

  function serveStatic(pathname: string, req: IncomingMessage, res: ServerResponse): void {
    const root = normalize(opts.staticDir);
    const path = decoded(pathname);
    if (path === null || path.includes('\0')) return send(res, 404, { error: { code: 'not_found', message: 'not found' } });
    let file = normalize(join(root, path));
    if (!file.startsWith(root + sep) && file !== root) return send(res, 404, { error: { code: 'not_found', message: 'not found' } });
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html'); // single-page app
    if (!existsSync(file)) {
      return send(res, 500, { error: { code: 'failed', message: `the renderer is not built (${root}); run npm run build` } });
    }
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    const headers: Record<string, string> = { 'Content-Type': type };
    if (type.startsWith('text/html')) headers['Content-Security-Policy'] = CONTENT_SECURITY_POLICY;
    const body = staticBody(file, header(req, 'accept-encoding'));
    if (!body) {
      headers['Cache-Control'] = streamedCacheControl(file);
      res.writeHead(200, headers);
      createReadStream(file).pipe(res);
      return;
    }
    headers['Cache-Control'] = body.cacheControl;
    headers.Vary = 'Accept-Encoding';
    if (body.encoding) headers['Content-Encoding'] = body.encoding;
    headers['Content-Length'] = String(body.body.length);
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body.body);
  }

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolvePromise());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : (opts.port ?? 0);
  allowed = allowedHosts(port, host);
  cookieName = tokenCookieName(port);
  const urlHost = host.includes(':') ? `[${host}]` : host;
  // The first screen waits on projects.list: read the projects' files now (their names are
  // kept, project/name.ts), not when the first browser asks.
  setImmediate(() => void dispatch(ctx, 'projects.list', {}).catch(() => {}));
  return {
    server,
    port,
    token,
    url: `http://${urlHost}:${port}/?token=${token}`,
    close: () =>
      new Promise<void>((resolveClose) => {
        for (const c of sseClients) c.end();
        server.close(() => resolveClose());
        server.closeAllConnections();
      }),
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** A percent-decoded URL part, or null when the encoding is malformed. */
function decoded(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

function isJson(contentType: string | undefined): boolean {
  return contentType?.split(';')[0]?.trim().toLowerCase() === 'application/json';
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}

