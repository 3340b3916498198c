/** Policy text → validated policy, with every problem as `file: dotted.path: message`. */
import { parseYamlData } from '../yaml';
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
  const r = parseYamlData(text);
  if (!r.ok) return { ok: false, problems: [{ file, path: '', message: r.message }] };
  return parsePolicy(r.value, file);
}
