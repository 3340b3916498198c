/**
 * A request body read whole, up to a limit. Over the limit the rest is drained unread (never
 * left unread or the socket destroyed), so the caller's 413 reaches the client instead of a
 * reset connection.
 */
import type { IncomingMessage } from 'node:http';

/** The body, or null when it is over maxBytes (declared or as read). */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer | null> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    req.resume();
    return Promise.resolve(null);
  }
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (c: Buffer): void => {
      size += c.length;
      if (size > maxBytes) {
        chunks.length = 0;
        req.off('data', onData);
        req.resume();
        resolveBody(null);
        return;
      }
      chunks.push(c);
    };
    req.on('data', onData);
    req.on('end', () => resolveBody(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
