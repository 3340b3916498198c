import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { callEarly } from './api';
import { parseRoute } from './router';
import './styles.css';

// The first screen's data, asked for before React renders (the shell is already painted).
callEarly('app.info');
const [section, id] = parseRoute(window.location.hash);
if ((section === undefined || section === '' || section === 'projects') && !id) callEarly('projects.list');

const root = document.getElementById('root');
if (root) createRoot(root).render(<StrictMode><App /></StrictMode>);
