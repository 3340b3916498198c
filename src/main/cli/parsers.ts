/** Option parsers shared by commands (commander calls them with the raw value). */
import { InvalidArgumentError } from 'commander';

/** `--port N`: an integer 0–65535 (0 picks a free port). */
export function parsePort(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('expected a port number 0–65535');
  return n;
}
