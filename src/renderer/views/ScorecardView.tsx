/**
 * The scorecard of a run: the decision, a tier selector, the gates table with what-if
 * thresholds re-evaluated here with the core gate engine, per-category charts with interval
 * bars, and the rendered SCORECARD.md.
 */
import { useMemo, useState } from 'react';
import { api } from '../api';
import { useApi } from '../useApi';
import { useViewState } from '../router';
import type { RunDetail } from '../../shared/schemas';
import { parsePolicy } from '../../core/project/policy';
import type { Metric } from '../../core/metric';
import type { GateResult } from '../../core/gates/types';
import { editableLimit, whatIf, type ThresholdEdits } from '../whatIf';
import { GatesTable } from '../components/GatesTable';
import { TierSelector } from '../components/TierSelector';
import { CategoryChart, MarkdownCard } from '../lazy';
import { itemsHref } from '../itemsLink';
import { parseScorecard } from '../../core/scorecard/parse';
import { isRecord } from '../../core/util';
import { DecisionChip } from '../components/StatusChip';
import { EmptyState, ErrorState, Loading } from '../components/States';

export function ScorecardView({ run }: { run: RunDetail }): React.JSX.Element {
  const confusions = useMemo(() => topConfusions(run.scorecard), [run.scorecard]);
  const evaluation = useApi(() => api['console.evaluation']({ runId: run.id }), [run.id, run.status]);
  const policy = useMemo(() => (evaluation.data ? parsePolicy(evaluation.data.policy, evaluation.data.policyFile ?? undefined) : undefined), [evaluation.data]);
  // The tier is kept in the URL (`tier=future`): a reload or a pasted link shows the same gates.
  const [tier, setTier] = useViewState('tier');
  const [edits, setEdits] = useState<ThresholdEdits>({});

  const metrics = (evaluation.data?.metrics ?? []) as Metric[];
  const ready = policy?.ok ? policy.value : undefined;
  const activeTier = tier ?? run.tier ?? ready?.default_tier ?? 'first_sft';
  const inputs = evaluation.data?.inputs ?? {};

  const original = useMemo(() => (ready ? whatIf(ready, activeTier, metrics, inputs, {}) : undefined), [ready, activeTier, metrics, inputs]);
  const current = useMemo(() => (ready ? whatIf(ready, activeTier, metrics, inputs, edits) : undefined), [ready, activeTier, metrics, inputs, edits]);
  const limits = useMemo(() => {
    const m = new Map<string, number>();
    for (const g of ready?.gates ?? []) {
      const l = editableLimit(g, activeTier);
      if (l !== undefined) m.set(g.name, l);
    }
    return m;
  }, [ready, activeTier]);

  const edited = Object.keys(edits).length;
  // A run without a recorded decision (running, cancelled, failed, broken artefacts) has nothing
  // to judge: re-evaluating its absent metrics would show a decision that was never made.
  const undecided = !run.decision;
  // A pipeline run was judged by its stages' gates, each on its own stage's metrics (named
  // `smoke/task_pass_rate`): greenlight.yaml's top-level gates never judged it, so no what-if.
  const pipeline = run.eval === 'pipeline';
  const breakdowns = metrics.filter((m) => m.breakdown && m.breakdown.length > 0);

  return (
    <div className="scorecard-view">
      <section aria-labelledby="gates-title" className="panel">
        <div className="panel-head">
          <h2 id="gates-title">Gates</h2>
          {ready && !undecided && !pipeline && (
            <TierSelector
              tiers={ready.tiers}
              value={activeTier}
              onChange={(t) => {
                setTier(t);
                setEdits({});
              }}
            />
          )}
          {run.decision && pipeline && (
            <span className="decision-now" aria-live="polite">
              Decision: <DecisionChip decision={run.decision} failureClass={run.failureClass} />
            </span>
          )}
          {current?.ok && !undecided && !pipeline && (
            <span className="decision-now" aria-live="polite">
              {edited > 0 ? 'What-if decision' : 'Decision'}: <DecisionChip decision={current.report.decision} failureClass={current.report.failure_class} />
            </span>
          )}
          {edited > 0 && (
            <button type="button" onClick={() => setEdits({})}>
              Reset {edited} edited {edited === 1 ? 'threshold' : 'thresholds'}
            </button>
          )}
        </div>
        {edited > 0 && (
          <p className="whatif-note" role="note">
            What-if: thresholds edited here are evaluated in this window only. The recorded decision ({run.decision ?? 'none'}) and greenlight.yaml are unchanged.
          </p>
        )}
        {undecided && (
          <EmptyState title="No decision">
            <p role="note">
              {run.status === 'running' || run.status === 'queued'
                ? 'The run is still going: there is nothing to judge yet. The gates are evaluated when it ends.'
                : `The run ${run.status === 'succeeded' ? 'recorded no decision' : `was ${run.status.replace('_', ' ')}`}: there is nothing to judge, so no what-if either. Read the notes on the Run tab.`}
            </p>
          </EmptyState>
        )}
        {pipeline && !undecided && (
          <>
            <GatesTable gates={run.gates as unknown as GateResult[]} />
            <p className="whatif-note" role="note">
              A pipeline run is judged by each stage&apos;s gates (named stage/gate) on that stage&apos;s own metrics, as recorded above. What-if thresholds apply to greenlight.yaml&apos;s top-level gates, which did not judge this run.
            </p>
          </>
        )}
        {!pipeline && !undecided && evaluation.loading && !evaluation.data && <Loading what="the gates" />}
        {!undecided && !pipeline && (evaluation.error || (policy && !policy.ok)) && (
          <>
            <ErrorState
              title="The gates cannot be re-evaluated here"
              message={evaluation.error ?? (policy && !policy.ok ? policy.problems.map((p) => `${p.path}: ${p.message}`).join('; ') : '')}
              fix="Fix greenlight.yaml in the project folder (the message names the field), then reload. The recorded gates of the run are shown below."
            />
            <GatesTable gates={run.gates as unknown as GateResult[]} />
          </>
        )}
        {current && !current.ok && !undecided && !pipeline && <ErrorState title="Unknown tier" message={current.message} />}
        {current?.ok && !undecided && !pipeline && (
          <GatesTable
            gates={current.report.gates}
            original={original?.ok ? new Map(original.report.gates.map((g) => [g.name, g.status])) : undefined}
            limits={limits}
            edits={edits}
            onEdit={(gate, v) =>
              setEdits((e) => {
                const next = { ...e };
                if (v === undefined || v === limits.get(gate)) delete next[gate];
                else next[gate] = v;
                return next;
              })
            }
          />
        )}
        {original?.ok && !pipeline && run.decision && run.tier === activeTier && original.report.decision !== run.decision && (
          <p className="whatif-note" role="note">
            greenlight.yaml has changed since this run: the gates above use the current policy ({original.report.decision}); the run recorded {run.decision}.
          </p>
        )}
        {evaluation.data && evaluation.data.notes.length > 0 && (
          <ul className="notes muted">
            {evaluation.data.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        )}
        {current?.ok && !undecided && !pipeline && current.report.gates.length === 0 && <EmptyState title="This project declares no gates">Add gates to greenlight.yaml to judge its runs.</EmptyState>}
      </section>

      {breakdowns.length > 0 && (
        <section aria-labelledby="categories-title" className="panel">
          <h2 id="categories-title">Per category</h2>
          <div className="chart-grid">
            {breakdowns.map((m) => (
              <CategoryChart key={m.name} title={m.name} points={m.breakdown ?? []} itemsHref={(category) => itemsHref(run.id, { category })} />
            ))}
          </div>
        </section>
      )}

      {confusions.length > 0 && (
        <section aria-labelledby="confusions-title" className="panel">
          <h2 id="confusions-title">Top confusions</h2>
          <ul>
            {confusions.map((c) => (
              <li key={`${c.expected}→${c.predicted}`}>
                <a href={itemsHref(run.id, { category: c.expected, output: c.predicted })}>
                  {c.expected} → {c.predicted}
                </a>
                : {c.count}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="card-title" className="panel">
        <h2 id="card-title">SCORECARD.md</h2>
        {run.scorecard ? (
          <MarkdownCard markdown={run.scorecard} />
        ) : (
          <EmptyState title="No scorecard for this run">
            <p>
              {run.status === 'running' || run.status === 'queued'
                ? 'The scorecard is written when the run ends.'
                : 'The run left no metrics a scorecard could be built from. Check its artefacts and the notes on the Run tab.'}
            </p>
          </EmptyState>
        )}
      </section>
    </div>
  );
}

/** The card's top confusions (`results.breakdown.top_confusions`): each opens the items behind it. */
function topConfusions(card: string | null): Array<{ expected: string; predicted: string; count: number }> {
  if (!card) return [];
  const p = parseScorecard(card);
  if (!p.ok) return [];
  const results = p.value.data.results;
  const b = isRecord(results) && isRecord(results.breakdown) ? results.breakdown : null;
  const conf = b && Array.isArray(b.top_confusions) ? b.top_confusions : [];
  return conf.flatMap((c) => (isRecord(c) && typeof c.expected === 'string' && typeof c.predicted === 'string' && typeof c.count === 'number' ? [{ expected: c.expected, predicted: c.predicted, count: c.count }] : []));
}
