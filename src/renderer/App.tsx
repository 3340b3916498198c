import { useEffect, useRef } from 'react';
import { api } from './api';
import { href, useRoute } from './router';
import { useApi } from './useApi';
import { ProjectsView } from './views/ProjectsView';
import { ProjectView, RunsView, RunView } from './lazy';

export function App(): React.JSX.Element {
  const route = useRoute();
  const info = useApi(() => api['app.info']({}), []);
  const section = route[0] === 'runs' ? 'runs' : 'projects';
  const main = useRef<HTMLElement>(null);
  // Moving between views moves focus to the content, so keyboard users start at the top.
  const key = route.slice(0, 2).join('/');
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus();
  }, [key]);

  return (
    <div className="app">
      <a className="skip-link" href="#main" onClick={(e) => (e.preventDefault(), main.current?.focus())}>
        Skip to content
      </a>
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
      <main id="main" ref={main} tabIndex={-1} data-ready={info.data ? 'true' : undefined}>
        {info.error && <p className="inline-error" role="alert">{info.error}</p>}
        <Route route={route} face={info.data?.face} />
      </main>
    </div>
  );
}

function Route({ route, face }: { route: string[]; face: 'desktop' | 'browser' | undefined }): React.JSX.Element {
  const [section, id, sub, params] = route;
  if (section === 'runs' && id) return <RunView key={id} id={id} section={sub} params={params} />;
  if (section === 'runs') return <RunsView />;
  if (section === 'projects' && id) return <ProjectView key={id} id={id} />;
  return <ProjectsView face={face} />;
}
