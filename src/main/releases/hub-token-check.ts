/**
 * Before a publish: the upload step needs a hub token, and without one it fails only after the
 * card has been written and committed. The plan says so up front (CLI dry run and console).
 */
import { resolveHubToken } from '../hub/token';
import type { PublishPlan } from '../publish';

export async function missingHubTokenWarning(plan: PublishPlan, dataDir: string, env: NodeJS.ProcessEnv = process.env): Promise<string | null> {
  if (!plan.hub || !plan.steps.some((s) => s.step === 'upload' && s.status === 'pending')) return null;
  if (await resolveHubToken({ dataDir, hubUrl: plan.hub.url, tokenEnv: plan.hub.tokenEnv, env })) return null;
  return `no hub token: $${plan.hub.tokenEnv} is not set, so the upload step would fail after the card is written and committed (set it where Greenlight runs, then reload)`;
}
