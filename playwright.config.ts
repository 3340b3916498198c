import { defineConfig } from '@playwright/test';

/**
 * Two projects: the browser console in Chromium (always), and the real Electron app when
 * its binary exists (otherwise those tests report themselves skipped with the reason).
 * `e2e/global-setup.ts` finds a Chromium, installing Debian's when it must.
 */
export default defineConfig({
  testDir: 'e2e',
  globalSetup: './e2e/global-setup.ts',
  outputDir: 'test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'console', testMatch: /.*\.console\.spec\.ts/ },
    { name: 'electron', testMatch: /.*\.electron\.spec\.ts/ },
  ],
});
