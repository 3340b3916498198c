/**
 * The hub client: `POST /publish` with the bearer token and the multipart parts of seed
 * 001's protocol. Failures come back as one line that never contains the token.
 */
export interface HubPublishInput {
  url: string;
  token: string;
  manifest: { id: string; name: string; version: string };
  scorecard: string;
  artifact?: { name: string; data: Uint8Array };
  timeoutMs?: number;
}

export type HubPublishResult =
  | { ok: true; status: 'created' | 'unchanged'; scorecardUrl: string | null; evalScore: number | null }
  | { ok: false; httpStatus: number | null; message: string };

export function redact(text: string, secret: string): string {
  const out = secret ? text.split(secret).join('***') : text;
  // Credentials in a URL (`https://user:pass@hub`) never reach a message either.
  return out.replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s@]*@/gi, '$1***@');
}

export async function publishToHub(input: HubPublishInput): Promise<HubPublishResult> {
  const form = new FormData();
  form.append('manifest', new Blob([JSON.stringify(input.manifest)], { type: 'application/json' }), 'manifest.json');
  form.append('eval_scorecard', new Blob([input.scorecard], { type: 'text/markdown' }), 'SCORECARD.md');
  if (input.artifact) form.append('artifact', new Blob([input.artifact.data]), input.artifact.name);
  const endpoint = `${input.url.replace(/\/+$/, '')}/publish`;
  let res: Response;
  try {
    res = await fetch(endpoint, {
      method: 'POST',
      headers: { authorization: `Bearer ${input.token}` },
      body: form,
      signal: AbortSignal.timeout(input.timeoutMs ?? 60_000),
    });
  } catch (err) {
    const cause = err instanceof Error ? ((err.cause as Error | undefined)?.message ?? err.message) : String(err);
    return { ok: false, httpStatus: null, message: redact(`hub ${endpoint} unreachable: ${cause}`, input.token) };
  }
  const text = await res.text().catch(() => '');
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // not JSON: keep the status line
  }
  if (!res.ok) {
    const why = typeof body.error === 'string' ? body.error : text.slice(0, 200).trim() || res.statusText;
    return { ok: false, httpStatus: res.status, message: redact(`hub answered ${res.status}: ${why}`, input.token) };
  }
  return {
    ok: true,
    status: body.status === 'unchanged' ? 'unchanged' : 'created',
    scorecardUrl: typeof body.eval_scorecard_url === 'string' ? body.eval_scorecard_url : null,
    evalScore: typeof body.eval_score === 'number' ? body.eval_score : null,
  };
}
