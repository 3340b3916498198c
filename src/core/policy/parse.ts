/** Policy text → validated policy, with every problem as `file: dotted.path: message`. */
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { problemsFromZod, type Result } from '../errors';
import { PolicyFileSchema, type GatesPolicy } from './schema';

export type PolicyFile = GatesPolicy & Record<string, unknown>;

export function parsePolicy(raw: unknown, file?: string): Result<PolicyFile> {
  if (raw === null || raw === undefined) return { ok: false, problems: [{ file, path: '', message: 'the policy is empty' }] };
  if (typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, problems: [{ file, path: '', message: 'expected a mapping at the top level' }] };
  const r = PolicyFileSchema.safeParse(raw);
  if (!r.success) return { ok: false, problems: problemsFromZod(r.error.issues, file) };
  return { ok: true, value: r.data as PolicyFile };
}

export function parsePolicyText(text: string, file?: string): Result<PolicyFile> {
  let raw: unknown;
  try {
    raw = parseYaml(text, { prettyErrors: true });
  } catch (err) {
    const line = err instanceof YAMLParseError && err.linePos ? ` at line ${err.linePos[0].line}` : '';
    const msg = err instanceof Error ? err.message.split('\n')[0] : String(err);
    return { ok: false, problems: [{ file, path: '', message: `not valid YAML${line}: ${msg}` }] };
  }
  return parsePolicy(raw, file);
}
