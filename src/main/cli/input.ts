/**
 * Reading the JSON (or YAML) inputs of `compare` and `check`: a file that cannot be read or
 * parsed is a UsageError (exit 2); what it contains is for the gate to judge (exit 1).
 * Python-style NaN / Infinity literals are accepted (seed 002's tools write them).
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseYamlData } from '../../core/yaml';
import { UsageError } from '../../core/errors';
import { parseJsonTolerant } from '../../core/json';
import { readTextOrUsage } from '../fs/read';

export async function readDataFile(path: string, what: string): Promise<unknown> {
  const full = resolve(process.cwd(), path);
  if (existsSync(full) && statSync(full).isDirectory()) throw new UsageError(`${path}: is a folder; ${what} is a JSON file`);
  const text = await readTextOrUsage(path, what, full);
  if (/\.ya?ml$/i.test(path)) {
    const y = parseYamlData(text);
    if (!y.ok) throw new UsageError(`${path}: ${y.message}`);
    return y.value;
  }
  const r = parseJsonTolerant(text, path);
  if (!r.ok) throw new UsageError(`${path}: invalid ${what}`, r.problems);
  return r.value;
}

/** `--scales S`: inline JSON, else a file holding JSON. */
export async function readInlineOrFile(value: string, flag: string): Promise<unknown> {
  const inline = parseJsonTolerant(value);
  if (inline.ok) return inline.value;
  if (existsSync(resolve(process.cwd(), value))) return readDataFile(value, `${flag} file`);
  throw new UsageError(`${flag} ${JSON.stringify(value)}: neither inline JSON nor a readable file`);
}

/** A number flag (`--threshold 0.01`): finite and ≥ 0, else exit 2. */
export function parseNonNegative(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) throw new UsageError(`${flag} ${JSON.stringify(value)}: expected a number ≥ 0`);
  return n;
}
