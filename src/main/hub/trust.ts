/**
 * Which hubs may receive which token. A repository's greenlight.yaml names `publish.hub.url`
 * and `publish.hub.token_env`; a cloned repository is untrusted, so it must not be able to
 * send `$AWS_SECRET_ACCESS_KEY` to a host of its choosing. A token goes only over https (or
 * plain http to a loopback address), and only to a (hub origin, token variable) pair the user
 * approved once — `greenlight hub trust URL --token-env NAME`, or the console's dialog. The
 * approvals live in the data folder, never in the repository.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../fs/atomic';

export interface HubTrust {
  origin: string;
  tokenEnv: string;
  approved: boolean;
  /** Why the token may not go there at all (transport), or null. */
  problem: string | null;
  /** The line that approves the pair, for the plan's refusal. */
  command: string;
}

const TrustFileSchema = z.object({
  approvals: z.array(z.object({ origin: z.string(), token_env: z.string(), approved_at: z.string() })),
});
type TrustFile = z.infer<typeof TrustFileSchema>;

const trustFile = (dataDir: string): string => join(dataDir, 'hub-trust.json');
/** A variable name a shell can set: no quoting needed in the suggested command line. */
const TOKEN_ENV = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1';
  return false;
}

/** The hub's origin (scheme, host, port), or a reason the URL cannot carry a token. */
export function hubOrigin(url: string): { ok: true; origin: string } | { ok: false; problem: string } {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { ok: false, problem: `${url}: not a URL` };
  }
  if (u.username || u.password) return { ok: false, problem: `${u.origin}: a hub URL must not carry credentials` };
  if (u.protocol === 'https:') return { ok: true, origin: u.origin };
  if (u.protocol === 'http:' && isLoopbackHost(u.hostname)) return { ok: true, origin: u.origin };
  if (u.protocol === 'http:') return { ok: false, problem: `${u.origin}: a token goes only over https, or plain http to a loopback address` };
  return { ok: false, problem: `${url}: expected an https:// hub URL` };
}

function readTrust(dataDir: string): TrustFile {
  const file = trustFile(dataDir);
  if (!existsSync(file)) return { approvals: [] };
  try {
    const r = TrustFileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return r.success ? r.data : { approvals: [] };
  } catch {
    // An unreadable approvals file approves nothing; the user approves again.
    return { approvals: [] };
  }
}

export function trustCommand(url: string, tokenEnv: string): string {
  const origin = hubOrigin(url);
  return `greenlight hub trust ${origin.ok ? origin.origin : url} --token-env ${tokenEnv}`;
}

/** Where the pair stands: approved or not, and whether the transport allows a token at all. */
export function hubTrust(dataDir: string | undefined, url: string, tokenEnv: string): HubTrust {
  const origin = hubOrigin(url);
  const command = trustCommand(url, tokenEnv);
  const envProblem = TOKEN_ENV.test(tokenEnv) ? null : `publish.hub.token_env: ${JSON.stringify(tokenEnv)} is not an environment variable name`;
  if (!origin.ok || envProblem) return { origin: origin.ok ? origin.origin : url, tokenEnv, approved: false, problem: envProblem ?? (origin.ok ? null : origin.problem), command };
  const approved = dataDir !== undefined && readTrust(dataDir).approvals.some((a) => a.origin === origin.origin && a.token_env === tokenEnv);
  return { origin: origin.origin, tokenEnv, approved, problem: null, command };
}

/** Why the token may not be sent, as one line with the command that approves it; null when it may. */
export function trustRefusal(t: HubTrust): string | null {
  if (t.problem) return `hub: ${t.problem}; the token is not sent`;
  if (!t.approved) return `hub: sending $${t.tokenEnv} to ${t.origin} has not been approved; run: ${t.command}`;
  return null;
}

/** Record the user's approval of (origin, variable) in the data folder. */
export function approveHub(dataDir: string, url: string, tokenEnv: string): { origin: string; tokenEnv: string } {
  const t = hubTrust(dataDir, url, tokenEnv);
  if (t.problem) throw new Error(t.problem);
  if (!t.approved) {
    const all = readTrust(dataDir);
    all.approvals.push({ origin: t.origin, token_env: tokenEnv, approved_at: new Date().toISOString() });
    mkdirSync(dataDir, { recursive: true });
    writeFileAtomic(trustFile(dataDir), `${JSON.stringify(all, null, 2)}\n`);
  }
  return { origin: t.origin, tokenEnv };
}

/** The variables that hold hub tokens: an eval process never inherits them. */
export function hubTokenVariables(tokenEnv: string | null | undefined): string[] {
  return ['GREENLIGHT_HUB_TOKEN', 'GREENLIGHT_HUB_TOKENS', ...(tokenEnv ? [tokenEnv] : [])];
}
