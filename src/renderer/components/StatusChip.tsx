/** Status chips for gates, runs and decisions: colour plus a word, never colour alone. */
import type { DecisionName, RunStatus } from '../../shared/schemas';

export type GateStatusName = 'pass' | 'fail' | 'skipped' | 'anomalous';

/** An underpowered pass reads as such (SPEC §2.4: never a plain pass), in the caution tone. */
export function GateChip({ status, underpowered = false }: { status: GateStatusName; underpowered?: boolean }): React.JSX.Element {
  if (status === 'pass' && underpowered) {
    return (
      <span className="chip status-anomalous" title="The interval is wider than the tolerance: this gate cannot see a drop that small">
        pass · underpowered
      </span>
    );
  }
  return <span className={`chip status-${status}`}>{status}</span>;
}

const DECISION_TONE: Record<DecisionName, string> = { ACCEPT: 'pass', REGRESSION: 'fail', ANOMALOUS: 'anomalous', INFEASIBLE: 'fail', INCONCLUSIVE: 'anomalous' };

export function DecisionChip({ decision, failureClass }: { decision: DecisionName | null | undefined; failureClass?: string | null }): React.JSX.Element {
  if (!decision) return <span className="chip">no decision</span>;
  return (
    <span className={`chip decision status-${DECISION_TONE[decision]}`} title={failureClass ?? undefined}>
      {decision}
      {failureClass ? ` · ${failureClass}` : ''}
    </span>
  );
}

const RUN_TONE: Partial<Record<RunStatus, string>> = { succeeded: 'pass', failed: 'fail', timed_out: 'fail', interrupted: 'anomalous', cancelled: 'skipped', running: 'running', queued: 'skipped' };

/** A run status as words: `timed_out` reads "timed out". */
export function runStatusLabel(status: RunStatus): string {
  return status.replace('_', ' ');
}

export function RunStatusChip({ status }: { status: RunStatus }): React.JSX.Element {
  return <span className={`chip status-${RUN_TONE[status] ?? 'neutral'}`}>{runStatusLabel(status)}</span>;
}
