/** Readable empty, loading and error states: what happened, and what to do about it. */
export function ErrorState({ title, message, fix, onRetry }: { title?: string; message: string; fix?: string; onRetry?: () => void }): React.JSX.Element {
  return (
    <div className="state state-error" role="alert">
      <p className="state-title">{title ?? 'Something went wrong'}</p>
      <p>{message}</p>
      {fix && <p className="state-fix">{fix}</p>}
      {onRetry && (
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: React.ReactNode }): React.JSX.Element {
  return (
    <div className="state state-empty">
      <p className="state-title">{title}</p>
      {children}
    </div>
  );
}

export function Loading({ what }: { what: string }): React.JSX.Element {
  return (
    <p className="state-loading" role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}
