/** The sections of one run: its log and progress, its items, its scorecard, its statistics, the comparison, publishing. */
import { href } from '../router';

const TABS = [
  { key: 'overview', label: 'Run' },
  { key: 'items', label: 'Items' },
  { key: 'scorecard', label: 'Scorecard' },
  { key: 'statistics', label: 'Statistics' },
  { key: 'compare', label: 'Compare' },
  { key: 'publish', label: 'Publish' },
] as const;
type RunTab = (typeof TABS)[number]['key'];

export function RunTabs({ runId, current }: { runId: string; current: RunTab }): React.JSX.Element {
  return (
    <nav aria-label="Run sections" className="tabs">
      <ul>
        {TABS.map((t) => (
          <li key={t.key}>
            <a href={t.key === 'overview' ? href('runs', runId) : href('runs', runId, t.key)} aria-current={current === t.key ? 'page' : undefined}>
              {t.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function tabOf(segment: string | undefined): RunTab {
  return TABS.some((t) => t.key === segment) ? (segment as RunTab) : 'overview';
}
