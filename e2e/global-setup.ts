import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ensureChromium } from './chromium';

export default function globalSetup(): void {
  process.env.GREENLIGHT_CHROMIUM_RESOLVED = ensureChromium();
  const root = join(import.meta.dirname, '..');
  if (!existsSync(join(root, 'out', 'main', 'cli.js')) || !existsSync(join(root, 'out', 'renderer', 'index.html'))) {
    throw new Error('e2e: the app is not built; run `npm run build` first (npm test does)');
  }
}
