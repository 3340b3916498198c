/**
 * Secrets never reach the store (SPEC §2.6, §3): environment variables whose names say
 * TOKEN, KEY, SECRET or PASSWORD keep their name and lose their value, and those values are
 * scrubbed from anything else stored (the command line, the log).
 */

export const REDACTED = '[redacted]';
const SECRET_NAME = /TOKEN|KEY|SECRET|PASSWORD|PASSWD|CREDENTIAL/i;
/** Values shorter than this are not scrubbed from text: "1" or "true" would eat the log. */
export const MIN_SECRET_LENGTH = 6;

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

export function redactEnv(env: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, isSecretName(k) ? REDACTED : v]));
}

/** The secret values in an environment, longest first (so a value containing another goes first). */
export function secretValues(env: Record<string, string | undefined>): string[] {
  const out = new Set<string>();
  for (const [k, v] of Object.entries(env)) {
    if (v !== undefined && isSecretName(k) && v.length >= MIN_SECRET_LENGTH) out.add(v);
  }
  return [...out].sort((a, b) => b.length - a.length);
}

export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (out.includes(s)) out = out.split(s).join(REDACTED);
  return out;
}
