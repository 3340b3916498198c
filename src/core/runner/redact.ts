/**
 * Secrets never reach the store (SPEC §2.6, §3). By name: environment variables whose names
 * say TOKEN, KEY, SECRET, PASSWORD, CREDENTIAL, AUTH, COOKIE, WEBHOOK or DSN keep their name
 * and lose their value, and those values are scrubbed from anything else stored (the command
 * line, the log). By value: text that has the shape of a secret whatever its variable —
 * credentials in a URL, an `Authorization: Bearer …` header, and the well-known token shapes
 * (GitHub, Slack, AWS access keys, Hugging Face) — is scrubbed too.
 */

export const REDACTED = '[redacted]';
// AUTH but not AUTHOR (GIT_AUTHOR_NAME is no secret).
const SECRET_NAME = /TOKEN|KEY|SECRET|PASSWORD|PASSWD|CREDENTIAL|AUTH(?!OR)|COOKIE|WEBHOOK|DSN/i;
/** Values shorter than this are not scrubbed from text: "1" or "true" would eat the log. */
export const MIN_SECRET_LENGTH = 6;

/** Secret shapes, each with what to keep (group 1) before the redaction. ASCII only, so they work on latin1 text too. */
const SECRET_SHAPES: ReadonlyArray<[RegExp, string]> = [
  // scheme://user:password@host → scheme://[redacted]@host
  [/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@:'"]+:[^\s/@'"]+@/gi, `$1${REDACTED}@`],
  [/\b(authorization\s*[:=]\s*["']?(?:bearer|basic|token)\s+)[^\s"',]+/gi, `$1${REDACTED}`],
  [/\b(bearer\s+)[A-Za-z0-9._~+/=-]{12,}/gi, `$1${REDACTED}`],
  [/\bgithub_pat_[A-Za-z0-9_]{20,}/g, REDACTED],
  [/\bgh[pousr]_[A-Za-z0-9]{20,}/g, REDACTED],
  [/\bxox[abposr]-[A-Za-z0-9-]{10,}/g, REDACTED],
  [/\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g, REDACTED],
  [/\bhf_[A-Za-z0-9]{20,}/g, REDACTED],
];
/** A cheap first look: most text has none of these, and is then returned untouched. */
const MAYBE_SECRET = /:\/\/[^\s/@]*:|bearer|authorization|github_pat_|gh[pousr]_|xox[abposr]-|AKIA|ASIA|hf_/i;

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** Text with every secret-shaped value replaced by `[redacted]`. */
export function redactShapes(text: string): string {
  if (!MAYBE_SECRET.test(text)) return text;
  let out = text;
  for (const [re, to] of SECRET_SHAPES) out = out.replace(re, to);
  return out;
}

export function redactEnv(env: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, isSecretName(k) ? REDACTED : redactShapes(v)]));
}

/** The secret values in an environment, longest first (so a value containing another goes first). */
export function secretValues(env: Record<string, string | undefined>): string[] {
  const out = new Set<string>();
  for (const [k, v] of Object.entries(env)) {
    if (v !== undefined && isSecretName(k) && v.length >= MIN_SECRET_LENGTH) out.add(v);
  }
  return [...out].sort((a, b) => b.length - a.length);
}

/** Known secret values, then secret shapes, scrubbed from text. */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (out.includes(s)) out = out.split(s).join(REDACTED);
  return redactShapes(out);
}
