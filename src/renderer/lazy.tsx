/**
 * Code that loads when a view needs it (issue 14): the views besides the projects list, and
 * inside them the charts (recharts) and the markdown card (react-markdown). The projects list
 * — the first screen — then needs only React and the app's own code.
 */
import { lazy, Suspense, type ComponentType } from 'react';
import { Loading } from './components/States';

export function lazily<P extends object>(load: () => Promise<ComponentType<P>>, what: string): (props: P) => React.JSX.Element {
  const Lazy = lazy(async () => ({ default: await load() }));
  return function LazyComponent(props: P): React.JSX.Element {
    return (
      <Suspense fallback={<Loading what={what} />}>
        <Lazy {...props} />
      </Suspense>
    );
  };
}

export const ProjectView = lazily(() => import('./views/ProjectView').then((m) => m.ProjectView), 'the project');
export const RunsView = lazily(() => import('./views/RunsView').then((m) => m.RunsView), 'runs');
export const RunView = lazily(() => import('./views/RunView').then((m) => m.RunView), 'the run');
export const ScorecardView = lazily(() => import('./views/ScorecardView').then((m) => m.ScorecardView), 'the scorecard');
export const StatisticsView = lazily(() => import('./views/StatisticsView').then((m) => m.StatisticsView), 'the statistics');
export const CompareView = lazily(() => import('./views/CompareView').then((m) => m.CompareView), 'the comparison');
export const PublishView = lazily(() => import('./views/PublishView').then((m) => m.PublishView), 'publishing');
export const TrendChart = lazily(() => import('./components/TrendChart').then((m) => m.TrendChart), 'the chart');
export const TelemetryChart = lazily(() => import('./components/TelemetryChart').then((m) => m.TelemetryChart), 'the chart');
export const DeltaChart = lazily(() => import('./components/DeltaChart').then((m) => m.DeltaChart), 'the chart');
export const CategoryChart = lazily(() => import('./components/CategoryChart').then((m) => m.CategoryChart), 'the chart');
export const MarkdownCard = lazily(() => import('./components/MarkdownCard').then((m) => m.MarkdownCard), 'the scorecard text');
