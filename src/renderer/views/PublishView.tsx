/**
 * Publish a run's scorecard: enabled for an ACCEPT decision, or with a written override
 * reason. Shows what will be written (the card against the previous release's, aligned by name), the git and hub targets, each step's
 * progress as it happens, and the result link.
 */
import { useEffect, useState } from 'react';
import { api, ApiCallError, onEvent } from '../api';
import { useApi } from '../useApi';
import { useDebounced } from '../useDebounced';
import type { RunDetail } from '../../shared/schemas';
import { CardDiff } from '../components/CardDiff';
import { PublishSteps, type PublishStepState } from '../components/PublishSteps';
import { DecisionChip } from '../components/StatusChip';
import { ErrorState, Loading } from '../components/States';
import { HubTrustDialog } from '../components/HubTrustDialog';

export function PublishView({ run, onChanged }: { run: RunDetail; onChanged: () => void }): React.JSX.Element {
  const [reason, setReason] = useState('');
  const accepted = run.decision === 'ACCEPT';
  const override = useDebounced(accepted ? '' : reason.trim(), 400);
  const plan = useApi(() => api['publish.plan']({ projectId: run.projectId, runId: run.id, ...(override ? { overrideReason: override } : {}) }), [run.id, override]);
  // Only steps reported by a publish of this run; before that the plan's steps are shown.
  const [runSteps, setRunSteps] = useState<PublishStepState[]>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ url: string | null; tag: string; message: string }>();

  useEffect(
    () =>
      onEvent((e) => {
        if (e.type !== 'publish.step' || e.runId !== run.id) return;
        setRunSteps((prev = []) => {
          const next = prev.some((s) => s.step === e.step) ? prev.slice() : [...prev, { step: e.step, status: 'pending' as const }];
          return next.map((s) => (s.step === e.step ? { step: s.step, status: e.status, message: e.message ?? s.message } : s));
        });
      }),
    [run.id],
  );

  async function publish(): Promise<void> {
    setBusy(true);
    setError(undefined);
    // From here on the steps are this publish's: start from what is shown, events update them.
    setRunSteps(steps);
    try {
      const r = await api['publish.run']({ projectId: run.projectId, runId: run.id, ...(accepted ? {} : { overrideReason: reason.trim() }) });
      if (r.steps.length) setRunSteps(r.steps.map((s) => ({ step: s.step, status: s.status, message: s.message ?? undefined })));
      if (r.status === 'done') setResult({ url: r.url, tag: r.tag ?? plan.data?.tag ?? '', message: r.message });
      else {
        setError(`${r.error ?? r.message}${r.status === 'failed' ? ' Fix the cause and publish again: finished steps are not repeated.' : ''}`);
        // The plan (checks, already-published state) may have changed; the failed steps stay shown.
        plan.reload();
      }
      onChanged();
    } catch (err) {
      setError(err instanceof ApiCallError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  if (plan.error && !plan.data) return <ErrorState title="This run cannot be published" message={plan.error} fix="Check the publish section of greenlight.yaml (git remote and hub URL) and that the project folder is a git repository, then reload." onRetry={plan.reload} />;
  if (!plan.data) return <Loading what="the publish plan" />;
  const p = plan.data;
  const refusals = p.problems;
  const steps: PublishStepState[] = runSteps ?? p.stepPlan.map((s) => ({ step: s.step, status: s.status, message: s.description }));
  const canPublish = !busy && !result && refusals.length === 0 && (accepted || reason.trim().length > 0);

  return (
    <div className="publish-view">
      <section className="panel" aria-labelledby="publish-title">
        <div className="panel-head">
          <h2 id="publish-title">
            Publish v{p.version} as <span className="mono">{p.tag}</span>
          </h2>
          <DecisionChip decision={run.decision} failureClass={run.failureClass} />
        </div>
        {!accepted && (
          <div className="override">
            <p>
              {run.decision
                ? `The decision is ${run.decision}, not ACCEPT. Publishing anyway needs a written reason; it is recorded in the scorecard and in the audit log.`
                : 'This run has no decision. Publishing anyway needs a written reason; it is recorded in the scorecard and in the audit log.'}
            </p>
            <label htmlFor="override-reason">Override reason</label>
            <textarea id="override-reason" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} placeholder="Why this release ships despite the gates" />
          </div>
        )}
        {/* Every refusal up front, before any reason is typed: "already released" is not a surprise at the end. */}
        {refusals.length > 0 && (
          <div className="state state-error" role="alert" aria-label="Publishing is refused">
            <p className="state-title">Publishing is refused{refusals.length > 1 ? ` for ${refusals.length} reasons` : ''}</p>
            <ul>
              {refusals.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          </div>
        )}
        {p.warnings.length > 0 && (
          <div className="warnings" role="note">
            <ul>
              {p.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          </div>
        )}
        <dl className="facts targets">
          <dt>Scorecard</dt>
          <dd className="mono">{p.scorecardPath}</dd>
          <dt>Git</dt>
          <dd className="mono">
            commit on {p.git.branch ?? 'the current branch'}, tag {p.git.tag}
            {p.git.push ? `, push to ${p.git.push}` : ', no push'}
          </dd>
          <dt>Hub</dt>
          <dd className="mono">
            {p.hub ? `${p.hub.url} as ${p.hub.id} (token from $${p.hub.tokenEnv})` : 'not configured'}
            {p.hubTrust && <> {p.hubTrust.approved ? '· approved' : ''} <HubTrustDialog projectId={p.projectId} trust={p.hubTrust} onApproved={plan.reload} /></>}
          </dd>
          <dt>Previous release</dt>
          <dd>{p.previous ? `v${p.previous.version} (${p.previous.tag})` : 'none: this is the first release'}</dd>
          {p.checks.map((c) => (
            <CheckRow key={c.name} name={c.name} ok={c.ok} message={c.message} />
          ))}
        </dl>
        <button type="button" className="primary" onClick={() => void publish()} disabled={!canPublish} aria-describedby="publish-why">
          {busy ? 'Publishing…' : 'Publish'}
        </button>
        <span id="publish-why" className="muted">
          {' '}
          {result ? '' : !accepted && !reason.trim() ? 'Enabled for an ACCEPT decision, or once an override reason is written.' : p.alreadyPublished ? 'Already published with this content: publishing again changes nothing.' : ''}
        </span>
        <h3 className="steps-title">Steps</h3>
        <PublishSteps steps={steps} />
        {error && (
          <p className="inline-error" role="alert">
            {error}
          </p>
        )}
        {result && (
          <p className="publish-result" role="status">
            {result.message || `Published as ${result.tag}.`}{' '}
            {result.url && (
              <a href={result.url} target="_blank" rel="noreferrer">
                Open the published scorecard
              </a>
            )}
          </p>
        )}
      </section>
      <section className="panel" aria-labelledby="will-write-title">
        <h2 id="will-write-title">{result ? 'What was written' : 'What will be written'}</h2>
        {p.cardDiff ? <CardDiff changes={p.cardChanges} card={p.card} path={p.scorecardPath} previousTag={p.previous?.tag ?? null} /> : <p className="muted">The scorecard in the repository is already identical: nothing new is written.</p>}
      </section>
    </div>
  );
}

function CheckRow({ name, ok, message }: { name: string; ok: boolean; message: string }): React.JSX.Element {
  return (
    <>
      <dt>{name}</dt>
      <dd>
        <span className={`chip status-${ok ? 'pass' : 'fail'}`}>{ok ? 'ok' : 'problem'}</span> {message}
      </dd>
    </>
  );
}
