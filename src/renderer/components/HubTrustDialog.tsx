/**
 * Approving a hub before its first upload: the repository's greenlight.yaml chooses the hub
 * and the environment variable whose value is sent as the token, so the user sees both and
 * approves the pair once (kept in the data folder). Without it, publishing is refused.
 */
import { useState } from 'react';
import { api, ApiCallError } from '../api';

export interface HubTrustState {
  origin: string;
  tokenEnv: string;
  approved: boolean;
  problem: string | null;
  command: string;
}

export function HubTrustDialog({ projectId, trust, onApproved }: { projectId: string; trust: HubTrustState; onApproved: () => void }): React.JSX.Element | null {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  if (trust.approved || trust.problem) return null;

  async function approve(): Promise<void> {
    setBusy(true);
    setError(undefined);
    try {
      await api['publish.hub.trust']({ projectId, origin: trust.origin, tokenEnv: trust.tokenEnv });
      setOpen(false);
      onApproved();
    } catch (err) {
      setError(err instanceof ApiCallError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Approve this hub…
      </button>
      {open && (
        <div className="dialog-backdrop">
          <div role="dialog" aria-modal="true" aria-labelledby="hub-trust-title" className="panel dialog">
            <h3 id="hub-trust-title">Send a token to this hub?</h3>
            <p>This project’s greenlight.yaml asks to send the value of an environment variable as the bearer token to a hub. Approve only if you know both.</p>
            <dl className="facts">
              <dt>Hub</dt>
              <dd className="mono" data-testid="trust-origin">{trust.origin}</dd>
              <dt>Token variable</dt>
              <dd className="mono" data-testid="trust-env">${trust.tokenEnv}</dd>
            </dl>
            <p className="muted">The approval is kept in Greenlight’s data folder, never in the repository. From a terminal: <span className="mono">{trust.command}</span></p>
            {error && (
              <p className="inline-error" role="alert">
                {error}
              </p>
            )}
            <button type="button" className="primary" onClick={() => void approve()} disabled={busy}>
              Approve
            </button>{' '}
            <button type="button" onClick={() => setOpen(false)}>
              Cancel
            </button>
          </div>
        </div>
      )}
    </>
  );
}
