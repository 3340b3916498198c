/**
 * A run's items: every sample, task or scenario its artefacts reported, filtered by outcome,
 * category, flips against the baseline run and text, with one item open beside the list.
 * Filters arrive in the link (`#/runs/<id>/items/category=spam&status=fail`) so the category
 * chart and the card's top confusions can open the items behind them.
 */
import { useState } from 'react';
import type { RunDetail } from '../../shared/schemas';
import type { StoredItem } from '../../core/items';
import { useItemPages, type ItemFilters } from '../useItemPages';
import { useDebounced } from '../useDebounced';
import { ItemTable } from '../components/ItemTable';
import { ItemDetail } from '../components/ItemDetail';
import { EmptyState, ErrorState, Loading } from '../components/States';
import { href } from '../router';

export { itemsHref } from '../itemsLink';

type Flipped = NonNullable<ItemFilters['flipped']>;

function initial(params: string | undefined): { status?: 'pass' | 'fail'; category?: string; output?: string; flipped?: Flipped; search?: string; against?: string } {
  const q = new URLSearchParams(params ?? '');
  const status = q.get('status');
  const flipped = q.get('flipped');
  return {
    ...(status === 'pass' || status === 'fail' ? { status } : {}),
    ...(q.get('category') ? { category: q.get('category')! } : {}),
    ...(q.get('output') ? { output: q.get('output')! } : {}),
    ...(flipped === 'any' || flipped === 'to_fail' || flipped === 'to_pass' ? { flipped } : {}),
    ...(q.get('search') ? { search: q.get('search')! } : {}),
    ...(q.get('against') ? { against: q.get('against')! } : {}),
  };
}

export function ItemsView({ run, params }: { run: RunDetail; params?: string }): React.JSX.Element {
  const start = initial(params);
  const [status, setStatus] = useState<'' | 'pass' | 'fail'>(start.status ?? '');
  const [category, setCategory] = useState(start.category ?? '');
  const [output, setOutput] = useState(start.output ?? '');
  const [flipped, setFlipped] = useState<'' | Flipped>(start.flipped ?? '');
  const [search, setSearch] = useState(start.search ?? '');
  const text = useDebounced(search, 250);
  const [open, setOpen] = useState<StoredItem | null>(null);
  const filters: ItemFilters = {
    ...(status ? { status } : {}),
    ...(category ? { category } : {}),
    ...(output ? { output } : {}),
    ...(flipped ? { flipped } : {}),
    ...(flipped && start.against ? { againstRunId: start.against } : {}),
    ...(text.trim() ? { search: text.trim() } : {}),
  };
  const { pages, error, needPage } = useItemPages(run.id, filters);
  const filtered = Object.keys(filters).length > 0;
  const flips = pages?.flips;

  return (
    <div className={`items-view${open ? ' with-detail' : ''}`}>
      <section className="panel" aria-labelledby="items-title">
        <div className="panel-head">
          <h2 id="items-title">Items</h2>
          <span className="muted" role="status" aria-live="polite">
            {pages ? `${pages.total.toLocaleString('en')} ${filtered ? 'match' : pages.total === 1 ? 'item' : 'items'}` : ''}
          </span>
        </div>
        <form className="item-filters" role="search" onSubmit={(e) => e.preventDefault()}>
          <label>
            Outcome{' '}
            <select value={status} onChange={(e) => setStatus(e.target.value as typeof status)}>
              <option value="">all</option>
              <option value="pass">passed</option>
              <option value="fail">failed</option>
            </select>
          </label>
          <label>
            Category{' '}
            <select value={category} onChange={(e) => setCategory(e.target.value)}>
              <option value="">all</option>
              {[...new Set([...(pages?.categories ?? []), ...(category ? [category] : [])])].map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </label>
          <label>
            Against the baseline{' '}
            <select value={flipped} onChange={(e) => setFlipped(e.target.value as typeof flipped)}>
              <option value="">all items</option>
              <option value="any">flipped either way</option>
              <option value="to_fail">flipped to fail</option>
              <option value="to_pass">flipped to pass</option>
            </select>
          </label>
          {output && (
            <span className="chip">
              output = {output}{' '}
              <button type="button" className="link-button" onClick={() => setOutput('')} aria-label={`Clear the output filter ${output}`}>
                ×
              </button>
            </span>
          )}
          <label className="grow">
            Text{' '}
            <input type="search" value={search} placeholder="words or word starts in id, input, output…" title="Each word, or the start of a word, somewhere in the id, input, target, output, explanation or error, any case (refund finds refunds). A piece inside a word is not found. A text without letters or digits matches as a plain substring." onChange={(e) => setSearch(e.target.value)} />
          </label>
        </form>
        {flipped && flips && (
          <p className="muted" role="note">
            {flips.flips && flips.against
              ? `Against ${flips.against.label}: ${flips.flips.paired} paired, ${flips.flips.flipped_to_fail.length} flipped to fail, ${flips.flips.flipped_to_pass.length} flipped to pass.`
              : flips.note}
          </p>
        )}
        {error && <ErrorState title="The items could not be loaded" message={error} />}
        {!pages && !error && <Loading what="the items" />}
        {pages && pages.total === 0 && (
          <EmptyState title={filtered ? 'No item matches these filters' : 'This run has no items'}>
            {filtered ? (
              <p>
                <a href={href('runs', run.id, 'items')} onClick={() => [setStatus(''), setCategory(''), setOutput(''), setFlipped(''), setSearch('')]}>
                  Show all items
                </a>
              </p>
            ) : (
              <p>Its artefacts carry no per-item results (an eval report’s results, Inspect samples, lm-eval --log_samples files).</p>
            )}
          </EmptyState>
        )}
        {pages && pages.total > 0 && <ItemTable pages={pages} onNeedPage={needPage} selected={open?.row ?? null} onSelect={setOpen} />}
      </section>
      {open && <ItemDetail runId={run.id} item={open} onClose={() => setOpen(null)} />}
    </div>
  );
}
