/** The steps of a publish, each with its state: write, commit, upload, tag, push. */
export interface PublishStepState {
  step: string;
  status: 'pending' | 'running' | 'done' | 'failed' | 'skipped';
  message?: string;
}

const ICON: Record<PublishStepState['status'], string> = { pending: '○', running: '◐', done: '✓', failed: '✗', skipped: '–' };

export function PublishSteps({ steps }: { steps: readonly PublishStepState[] }): React.JSX.Element {
  return (
    <ol className="publish-steps" aria-label="Publish steps">
      {steps.map((s) => (
        <li key={s.step} className={`step step-${s.status}`}>
          <span className="step-icon" aria-hidden="true">
            {ICON[s.status]}
          </span>
          <span className="step-name">{s.step}</span>
          <span className="step-status">{s.status}</span>
          {s.message && <span className="step-message">{s.message}</span>}
        </li>
      ))}
    </ol>
  );
}
