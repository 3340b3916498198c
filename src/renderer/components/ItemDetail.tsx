/** One item in full: input, target, output, score, explanation, error, its other fields, and (Inspect) the message transcript. */
import { api } from '../api';
import { useApi } from '../useApi';
import type { StoredItem } from '../../core/items';
import { ItemOutcome } from './ItemTable';
import { Loading } from './States';
import { fmtNum } from './format';

function Text({ label, text }: { label: string; text: string | undefined }): React.JSX.Element | null {
  if (text === undefined || text === '') return null;
  return (
    <>
      <dt>{label}</dt>
      <dd>
        <pre className="item-text">{text}</pre>
      </dd>
    </>
  );
}

export function ItemDetail({ runId, item, onClose }: { runId: string; item: StoredItem; onClose: () => void }): React.JSX.Element {
  const detail = useApi(() => api['items.get']({ runId, row: item.row }), [runId, item.row]);
  const full = detail.data?.full ?? null;
  const shown = { ...item, ...(full ?? {}) };
  const fields = Object.entries(item.fields ?? {});
  return (
    <aside className="panel item-detail" aria-labelledby="item-title">
      <div className="panel-head">
        <h3 id="item-title" className="mono">
          {item.id}
          {item.epoch !== undefined ? ` · epoch ${item.epoch}` : ''}
        </h3>
        <button type="button" onClick={onClose} aria-label="Close the item">
          Close
        </button>
      </div>
      <p>
        <ItemOutcome item={item} />
        {item.score !== undefined && <span className="muted"> score {fmtNum(item.score, 4)}</span>}
        {item.category && <span className="muted"> · category {item.category}</span>}
        {item.metric && <span className="muted"> · {item.metric}</span>}
      </p>
      {detail.loading && !detail.data && <Loading what="the full text" />}
      {detail.error && <p className="inline-error">{detail.error}</p>}
      {detail.data?.note && item.truncated && <p className="muted" role="note">{detail.data.note}</p>}
      <dl className="item-texts">
        <Text label="Input" text={shown.input} />
        <Text label="Target" text={shown.target} />
        <Text label="Output" text={shown.output} />
        <Text label="Explanation" text={shown.explanation} />
        <Text label="Error" text={shown.error} />
      </dl>
      {detail.data && detail.data.transcript.length > 0 && (
        <details className="transcript" open>
          <summary>Transcript ({detail.data.transcript.length} messages)</summary>
          <ol>
            {detail.data.transcript.map((m, i) => (
              <li key={i} className={`msg msg-${m.role}`}>
                <span className="msg-role">{m.role}</span>
                <pre className="item-text">{m.text}</pre>
              </li>
            ))}
          </ol>
        </details>
      )}
      {fields.length > 0 && (
        <details className="item-fields">
          <summary>Other fields ({fields.length})</summary>
          <dl>
            {fields.map(([k, v]) => (
              <div key={k}>
                <dt className="mono">{k}</dt>
                <dd className="mono">{typeof v === 'string' ? v : JSON.stringify(v)}</dd>
              </div>
            ))}
          </dl>
        </details>
      )}
      <p className="muted mono small">
        {item.kind}: {item.artefact}
        {item.pointer ? ` @ ${item.pointer}` : ''}
      </p>
    </aside>
  );
}
