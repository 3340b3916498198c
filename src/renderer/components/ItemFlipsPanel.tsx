/** Item by item between two runs: the counts, and the ids that flipped each way, filterable, each opening the item. */
import { useState } from 'react';
import type { ItemFlips } from '../../core/diff/flips';
import { itemsHref } from '../itemsLink';

function FlipList({ title, ids, runId, filter, all }: { title: string; ids: string[]; runId: string; filter: string; all: string }): React.JSX.Element {
  const shown = filter ? ids.filter((i) => i.toLowerCase().includes(filter.toLowerCase())) : ids;
  return (
    <div>
      <h4>
        {title} ({ids.length}){' '}
        {ids.length > 0 && (
          <a href={all} className="small">
            open in Items
          </a>
        )}
      </h4>
      {shown.length === 0 ? (
        <p className="muted">{ids.length === 0 ? 'none' : 'none match the filter'}</p>
      ) : (
        <ul aria-label={title}>
          {shown.map((id) => (
            <li key={id} className="mono">
              <a href={itemsHref(runId, { search: id.replace(/#\d+$/, '') })}>{id}</a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function ItemFlipsPanel({ flips: f, runId, against }: { flips: ItemFlips; runId: string; against?: string }): React.JSX.Element {
  const [filter, setFilter] = useState('');
  return (
    <section aria-labelledby="flips-title" className="item-flips">
      <h3 id="flips-title">Item by item</h3>
      <p>
        {f.paired} paired · {f.both_pass} pass on both · {f.both_fail} fail on both · <strong>{f.flipped_to_fail.length} flipped to fail</strong> · {f.flipped_to_pass.length} flipped to pass
        {f.baseline_only + f.candidate_only > 0 ? ` · ${f.baseline_only} only in the baseline, ${f.candidate_only} only in this run` : ''}
      </p>
      {f.flipped_to_fail.length + f.flipped_to_pass.length > 0 && (
        <label>
          Filter ids <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
        </label>
      )}
      <div className="flip-lists">
        <FlipList title="Flipped to fail" ids={f.flipped_to_fail} runId={runId} filter={filter} all={itemsHref(runId, { flipped: 'to_fail', ...(against ? { against } : {}) })} />
        <FlipList title="Flipped to pass" ids={f.flipped_to_pass} runId={runId} filter={filter} all={itemsHref(runId, { flipped: 'to_pass', ...(against ? { against } : {}) })} />
      </div>
    </section>
  );
}
