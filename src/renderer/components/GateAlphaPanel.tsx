/**
 * How each statistical gate was judged (issue 16), from the run's recorded gate evidence: the
 * alpha it was held to (`alpha_adjusted`) and why — a Holm family of blocking significance
 * gates, judged alone (`family: none`), noninferiority as an intersection–union test, or
 * advisory with a Benjamini–Hochberg q-value that never blocks — and, for an underpowered
 * gate, the planner's answer.
 */
import type { RunDetail } from '../../shared/schemas';
import { isUnderpowered } from '../../core/gates/display';
import { GateChip } from './StatusChip';
import { fmtNum } from './format';

type Gate = RunDetail['gates'][number];

interface Family {
  method?: string;
  /** Holm: the comparisons in the family (each metric a gate compares is one). */
  members?: number;
  /** Holm: the blocking significance gates those comparisons belong to. */
  gates?: number;
  alpha?: number;
}

/** The family column, and the reason below the table: which correction, over how many gates, and what it holds. */
function familyWords(e: Record<string, unknown>): { label: string; why: string } {
  const f = e.family;
  if (f === 'intersection-union') return { label: 'intersection–union', why: 'noninferiority gates need no correction — requiring every one of them to pass is already a test at level alpha' };
  const fam = (typeof f === 'object' && f !== null ? f : {}) as Family;
  if (e.advisory === true) {
    return fam.method === 'benjamini-hochberg'
      ? { label: `Benjamini–Hochberg over ${fam.members ?? '?'}`, why: 'advisory gates are reported with a q-value (the false-discovery rate among them) and never block the release' }
      : { label: 'advisory', why: 'reported, never blocks the release (no interval, so no q-value)' };
  }
  if (fam.method === 'holm') {
    // A gate over several metrics is several tests that can each fail it: the family counts comparisons.
    const over = fam.gates !== undefined && fam.gates !== fam.members ? `the ${fam.members} comparisons of the ${fam.gates} blocking significance gates` : `the ${fam.members ?? ''} blocking significance gates`;
    return { label: `Holm over ${fam.members ?? '?'}`, why: `Holm's step-down over ${over} keeps the chance that noise alone fails any of them at ${fmtNum(fam.alpha ?? null)}` };
  }
  if (fam.method === 'none') return { label: `none (${fam.members ?? '?'} gates)`, why: 'family: none — each gate judged alone at its own alpha, so noise alone fails one of them more often than that' };
  return { label: 'alone', why: 'the only blocking significance gate, judged at its own alpha' };
}

function planWords(e: Record<string, unknown>): string | null {
  const words = (e.plan as { words?: unknown } | undefined)?.words;
  return typeof words === 'string' ? words : null;
}

export function GateAlphaPanel({ run }: { run: RunDetail }): React.JSX.Element | null {
  const gates = run.gates.filter((g) => g.evidence && (g.evidence.alpha_adjusted !== undefined || g.evidence.advisory === true));
  if (gates.length === 0) return null;
  // One sentence per kind of family present, instead of the same reason on every row.
  const reasons = [...new Map(gates.map((g) => familyWords(g.evidence ?? {})).map((f) => [f.why, f])).values()];
  const planned = gates.some((g) => planOf(g) !== null);
  return (
    <section aria-labelledby="alpha-title" className="panel">
      <h2 id="alpha-title">How each gate was judged</h2>
      <p className="muted">The alpha each statistical gate was held to, and the family it was judged in.</p>
      <div className="table-scroll">
        <table aria-label="Gate statistics" className="stats-table">
          <thead>
            <tr>
              <th scope="col">Gate</th>
              <th scope="col">Status</th>
              <th scope="col" className="num">Alpha</th>
              <th scope="col">Family</th>
              <th scope="col" className="num">q-value</th>
              {planned && <th scope="col">Planner</th>}
            </tr>
          </thead>
          <tbody>
            {gates.map((g) => (
              <GateRow key={g.name} gate={g} planned={planned} />
            ))}
          </tbody>
        </table>
      </div>
      <ul className="notes" aria-label="Why these alphas">
        {reasons.map((r) => (
          <li key={r.why}>
            <strong>{r.label.replace(/ over \d+$| \(\d+ gates\)$/, '')}</strong>: {r.why}.
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The planner's answer for an underpowered gate, from its evidence. */
function planOf(g: Gate): string | null {
  const e = g.evidence ?? {};
  return isUnderpowered({ status: g.status, note: g.note, evidence: e }) ? planWords(e) : null;
}

/** Each metric's level when there are a few; a gate over many (one per task) gets their range, as its note does. */
function metricLevels(byMetric: Record<string, number>): string {
  const entries = Object.entries(byMetric);
  if (entries.length <= 5) return entries.map(([metric, a]) => `${metric} ${fmtNum(a)}`).join(' · ');
  let lo = Infinity;
  let hi = -Infinity;
  for (const [, a] of entries) {
    lo = Math.min(lo, a);
    hi = Math.max(hi, a);
  }
  return lo === hi ? `${entries.length} metrics, each at ${fmtNum(lo)}` : `${entries.length} metrics, levels ${fmtNum(lo)} to ${fmtNum(hi)}`;
}

function GateRow({ gate: g, planned }: { gate: Gate; planned: boolean }): React.JSX.Element {
  const e = g.evidence ?? {};
  const fam = familyWords(e);
  const alpha = typeof e.alpha_adjusted === 'number' ? e.alpha_adjusted : null;
  // A gate over several metrics: each metric judged at its own Holm level (the cell shows the lowest).
  const byMetric = typeof e.alpha_adjusted_by_metric === 'object' && e.alpha_adjusted_by_metric !== null ? (e.alpha_adjusted_by_metric as Record<string, number>) : null;
  const plan = planOf(g);
  const advisory = e.advisory === true;
  return (
    <tr className={advisory ? 'advisory' : undefined}>
      <th scope="row">
        <span className="gate-name">{g.name}</span>
        <span className="gate-kind">{typeof e.mode === 'string' ? e.mode : g.kind}</span>
        {advisory && <span className="chip advisory-chip">advisory · never blocks</span>}
      </th>
      <td>
        <GateChip status={g.status} underpowered={isUnderpowered({ status: g.status, note: g.note, evidence: e })} />
      </td>
      <td className="num">
        {fmtNum(alpha)}
        {byMetric && <span className="gate-kind">{metricLevels(byMetric)}</span>}
      </td>
      <td>{fam.label}</td>
      <td className="num">{typeof e.q_value === 'number' ? fmtNum(e.q_value) : '—'}</td>
      {planned && <td className="note">{plan ? <span className="plan-hint">{plan}</span> : '—'}</td>}
    </tr>
  );
}
