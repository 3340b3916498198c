/** Policy text → validated policy (the gate sections), with every problem as `file: dotted.path: message`. */
import type { Result } from '../errors';
import { locatedProblems, type Locator } from './locate';
import { PolicyFileSchema, type GatesPolicy } from './gates';
import { parseProjectText } from './text';

export type PolicyFile = GatesPolicy & Record<string, unknown>;

export function parsePolicy(raw: unknown, file?: string, where?: Locator): Result<PolicyFile> {
  if (raw === null || raw === undefined) return { ok: false, problems: [{ file, path: '', message: 'the policy is empty' }] };
  if (typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, problems: [{ file, path: '', message: 'expected a mapping at the top level' }] };
  const r = PolicyFileSchema.safeParse(raw);
  if (!r.success) return { ok: false, problems: locatedProblems(r.error.issues, file, where, raw) };
  return { ok: true, value: r.data as PolicyFile };
}

export function parsePolicyText(text: string, file?: string): Result<PolicyFile> {
  const t = parseProjectText(text, file);
  if (!t.ok) return { ok: false, problems: [t.problem] };
  return parsePolicy(t.doc, file, t.where);
}
