/**
 * How a run's numbers vary and how its gates were judged (issue 16): the spread between its
 * epochs with pass@k and pass^k, each statistical gate's alpha and family (advisory gates with
 * their q-values, never blocking) with the planner's answer for an underpowered one, and the
 * eval's noise floor from an A/A pair.
 */
import type { RunDetail } from '../../shared/schemas';
import { RepeatsPanel } from '../components/RepeatsPanel';
import { GateAlphaPanel } from '../components/GateAlphaPanel';
import { NoiseFloorPanel } from '../components/NoiseFloorPanel';
import { EmptyState } from '../components/States';

export function StatisticsView({ run }: { run: RunDetail }): React.JSX.Element {
  const active = run.status === 'queued' || run.status === 'running';
  return (
    <div className="statistics-view">
      {active ? (
        <section className="panel">
          <EmptyState title="The run is still going">
            <p>Its epochs and gates are summarised here when it ends.</p>
          </EmptyState>
        </section>
      ) : (
        <>
          <RepeatsPanel run={run} />
          <GateAlphaPanel run={run} />
        </>
      )}
      <NoiseFloorPanel run={run} />
    </div>
  );
}
