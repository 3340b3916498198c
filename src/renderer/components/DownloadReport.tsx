/** Download the run's self-contained HTML report (the same file `greenlight report` writes). */
import { useState } from 'react';
import { api, ApiCallError } from '../api';

export function DownloadReport({ runId }: { runId: string }): React.JSX.Element {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  async function download(): Promise<void> {
    setBusy(true);
    setError(undefined);
    try {
      const r = await api['report.html']({ runId });
      const url = URL.createObjectURL(new Blob([r.html], { type: 'text/html' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = r.filename;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (err) {
      setError(err instanceof ApiCallError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <span className="download-report">
      <button type="button" onClick={() => void download()} disabled={busy} title="One HTML file that opens from disk with no server and no network">
        {busy ? 'Preparing report…' : 'Download report (HTML)'}
      </button>
      {error && (
        <span className="inline-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
