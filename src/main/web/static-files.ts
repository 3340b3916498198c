/**
 * The built renderer over HTTP (issue 14): hashed assets (`/assets/name-<hash>.js`) never
 * change under their name, so they are cached for a year and marked immutable; index.html is
 * revalidated on every load (no-cache) so a new build is picked up at once. Text files go out
 * compressed — brotli or gzip as the browser accepts — from the `.br` / `.gz` copies the build
 * writes next to them, else compressed here once and kept in memory.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.svg', '.json']);
const IMMUTABLE = 'public, max-age=31536000, immutable';

export interface StaticBody {
  body: Buffer;
  encoding: 'br' | 'gzip' | null;
  cacheControl: string;
}

const memo = new Map<string, { mtimeMs: number; br: Buffer; gzip: Buffer; raw: Buffer }>();

function variants(file: string): { br: Buffer; gzip: Buffer; raw: Buffer } {
  const mtimeMs = statSync(file).mtimeMs;
  const hit = memo.get(file);
  if (hit && hit.mtimeMs === mtimeMs) return hit;
  const raw = readFileSync(file);
  const pre = (ext: string): Buffer | null => (existsSync(file + ext) && statSync(file + ext).mtimeMs >= mtimeMs ? readFileSync(file + ext) : null);
  const v = {
    mtimeMs,
    raw,
    br: pre('.br') ?? brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }),
    gzip: pre('.gz') ?? gzipSync(raw, { level: 6 }),
  };
  memo.set(file, v);
  return v;
}

/** What a request for `file` gets, given its Accept-Encoding. */
export function staticBody(file: string, acceptEncoding: string | undefined): StaticBody | null {
  const hashed = basename(dirname(file)) === 'assets' && /-[A-Za-z0-9_-]{6,}\.[a-z0-9]+$/.test(basename(file));
  const cacheControl = extname(file) === '.html' ? 'no-cache' : hashed ? IMMUTABLE : 'no-cache';
  if (!COMPRESSIBLE.has(extname(file))) return null; // streamed as it is
  const v = variants(file);
  const accepted = acceptedEncodings(acceptEncoding);
  const accepts = (name: string): boolean => accepted.has(name);
  if (accepts('br')) return { body: v.br, encoding: 'br', cacheControl };
  if (accepts('gzip')) return { body: v.gzip, encoding: 'gzip', cacheControl };
  return { body: v.raw, encoding: null, cacheControl };
}

/** Cache-Control for files streamed uncompressed (images, fonts). */
export function streamedCacheControl(file: string): string {
  return basename(dirname(file)) === 'assets' ? IMMUTABLE : 'no-cache';
}

/** The encodings an Accept-Encoding header allows (q > 0), lower-cased. */
function acceptedEncodings(header: string | undefined): Set<string> {
  const out = new Set<string>();
  for (const part of (header ?? '').split(',')) {
    const [name, ...params] = part.split(';').map((x) => x.trim().toLowerCase());
    if (!name) continue;
    const q = params.find((x) => x.startsWith('q='));
    if (q === undefined || Number(q.slice(2)) > 0) out.add(name);
  }
  return out;
}
