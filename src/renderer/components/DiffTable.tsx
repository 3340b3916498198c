/** Metrics of two sides with deltas and their intervals, regressions first. */
import type { MetricDiff } from '../../core/diff/schema';
import { fmtNum, fmtSigned, fmtSignedInterval } from './format';

const RANK: Record<MetricDiff['verdict'], number> = { worse: 0, removed: 1, 'no clear change': 2, changed: 3, added: 4, improved: 5, unchanged: 6 };

/** Regressions first, then by how much worse (direction-aware). */
export function sortRegressionsFirst(rows: readonly MetricDiff[]): MetricDiff[] {
  const signed = (r: MetricDiff): number => (r.delta === null ? 0 : r.higherIsBetter ? r.delta : -r.delta);
  return [...rows].sort((a, b) => RANK[a.verdict] - RANK[b.verdict] || signed(a) - signed(b) || a.name.localeCompare(b.name));
}

export function DiffTable({ rows, baselineLabel, candidateLabel }: { rows: readonly MetricDiff[]; baselineLabel: string; candidateLabel: string }): React.JSX.Element {
  return (
    <table aria-label="Metric differences" className="diff-table">
      <thead>
        <tr>
          <th scope="col">Metric</th>
          <th scope="col" className="num">{baselineLabel}</th>
          <th scope="col" className="num">{candidateLabel}</th>
          <th scope="col" className="num">Delta</th>
          <th scope="col">95% interval of the delta</th>
          <th scope="col">Verdict</th>
        </tr>
      </thead>
      <tbody>
        {sortRegressionsFirst(rows).map((r) => (
          <tr key={r.name} className={`verdict-${r.verdict.replace(/ /g, '-')}`}>
            <th scope="row">
              {r.name}
              <span className="gate-kind">{r.higherIsBetter ? 'higher is better' : 'lower is better'}</span>
            </th>
            <td className="num">
              {fmtNum(r.baseline)}
              {r.n.baseline !== null && <span className="muted"> n={r.n.baseline}</span>}
            </td>
            <td className="num">
              {fmtNum(r.candidate)}
              {r.n.candidate !== null && <span className="muted"> n={r.n.candidate}</span>}
            </td>
            <td className="num">{fmtSigned(r.delta)}</td>
            <td>{r.interval ? `${fmtSignedInterval(r.interval)} (${r.method})` : 'no interval (no n or stderr on one side)'}</td>
            <td>
              <span className={`chip verdict verdict-${r.verdict.replace(/ /g, '-')}`}>{r.verdict}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
