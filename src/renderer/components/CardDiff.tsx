/**
 * What publishing changes in SCORECARD.md: the previous release's card against the new one,
 * aligned by name (core/diff/card-changes) — metrics with Δ = new − previous and the verdict
 * by each metric's direction, gates side by side, what is carried over from the previous card
 * and what is dropped, each with why — then the card itself as it will be written.
 */
import type { CardChanges } from '../../core/diff/card-changes';
import { DiffTable } from './DiffTable';
import { fmtAggregate, fmtAggregateDelta, fmtAggregateDeltaInterval } from './format';
import { GateChip, type GateStatusName } from './StatusChip';

export function CardDiff({ changes, card, path, previousTag }: { changes: CardChanges | null; card: string; path: string; previousTag: string | null }): React.JSX.Element {
  return (
    <figure className="card-diff" aria-label={`Changes to ${path}`}>
      <figcaption>
        <span className="mono">{path}</span>
        {changes
          ? ` — ${changes.previous.label} (v${changes.previous.version ?? '?'}) → ${changes.next.label}; Δ = new − previous`
          : previousTag
            ? ` — the previous release ${previousTag} has no readable card to compare with`
            : ' — first release: the card is new'}
      </figcaption>
      {changes && <Changes c={changes} />}
      <details>
        <summary>The card as it will be written</summary>
        <pre tabIndex={0}>{card}</pre>
      </details>
    </figure>
  );
}

function Changes({ c }: { c: CardChanges }): React.JSX.Element {
  const a = c.aggregate;
  const prev = `previous (v${c.previous.version ?? '?'})`;
  const next = `new (${c.next.label})`;
  return (
    <>
      {a.delta !== null && (
        <p>
          Aggregate {fmtAggregate(a.baseline)} → {fmtAggregate(a.candidate)} (Δ {fmtAggregateDelta(a.delta)}
          {a.interval ? `, 95% ${fmtAggregateDeltaInterval(a.interval)}` : ''}) · {a.verdict}
        </p>
      )}
      <DiffTable rows={c.metrics} baselineLabel={prev} candidateLabel={next} />
      <Gates c={c} prev={prev} next={next} />
      {c.carried.length > 0 && (
        <section aria-label="Carried over from the previous card">
          <h4>Carried over from the previous card</h4>
          <ul>
            {c.carried.map((k) => (
              <li key={k.what}>
                <code>{k.what}</code>
                {k.value !== null && <> = {k.value}</>}: {k.why}
              </li>
            ))}
          </ul>
        </section>
      )}
      {c.dropped.length > 0 && (
        <section aria-label="Dropped from the previous card" className="warnings">
          <h4>Dropped from the previous card: {c.dropped.map((k) => k.what).join(', ')}</h4>
          <ul>
            {c.dropped.map((k) => (
              <li key={k.what}>
                <code>{k.what}</code>
                {k.value !== null && <> ({k.value})</>}: {k.why}
              </li>
            ))}
          </ul>
        </section>
      )}
      {c.warnings.length > 0 && (
        <ul className="warnings">
          {c.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
    </>
  );
}

function Gates({ c, prev, next }: { c: CardChanges; prev: string; next: string }): React.JSX.Element | null {
  if (c.gates.length === 0) return null;
  if (c.gates.every((g) => g.baseline === null)) return <p className="muted">The previous card recorded no gates; this one records {c.gates.length}.</p>;
  const chip = (s: string | null, weak: boolean | undefined): React.JSX.Element | string => (s ? <GateChip status={s as GateStatusName} underpowered={weak ?? false} /> : 'absent');
  return (
    <div className="table-scroll">
      <table aria-label="Gates, previous and new" className="gate-changes">
        <thead>
          <tr>
            <th scope="col">Gate</th>
            <th scope="col">{prev}</th>
            <th scope="col">{next}</th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          {c.gates.map((g) => (
            <tr key={g.name}>
              <th scope="row">{g.name}</th>
              <td>{chip(g.baseline, g.underpowered?.baseline)}</td>
              <td>{chip(g.candidate, g.underpowered?.candidate)}</td>
              <td>{g.changed ? 'changed' : 'same'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
