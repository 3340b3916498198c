import { api } from './api';
import { href, useRoute } from './router';
import { useApi } from './useApi';
import { ProjectsView } from './views/ProjectsView';
import { RunsView } from './views/RunsView';

export function App(): React.JSX.Element {
  const route = useRoute();
  const info = useApi(() => api['app.info']({}), []);
  const section = route[0] ?? 'projects';
  return (
    <div className="app">
      <header className="topbar">
        <a className="brand" href={href('projects')}>
          <span className="brand-mark" aria-hidden="true" />
          Greenlight
        </a>
        <nav aria-label="Main">
          <ul>
            <li>
              <a href={href('projects')} aria-current={section === 'projects' ? 'page' : undefined}>
                Projects
              </a>
            </li>
            <li>
              <a href={href('runs')} aria-current={section === 'runs' ? 'page' : undefined}>
                Runs
              </a>
            </li>
          </ul>
        </nav>
        <span className="face" title={info.data?.dataDir}>
          {info.data ? `v${info.data.version} · ${info.data.face === 'desktop' ? 'desktop' : 'browser console'}` : ''}
        </span>
      </header>
      <main id="main" data-ready={info.data ? 'true' : undefined}>
        {section === 'runs' ? <RunsView /> : <ProjectsView />}
      </main>
    </div>
  );
}
