/**
 * End-to-end tests: a production build of Chorus, its own PostgreSQL and SMTP capture
 * server (tests/e2e/global-setup.ts), driven in the system's Chromium. Playwright never
 * downloads a browser here: CHROMIUM_PATH, or Debian's /usr/bin/chromium.
 */
import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';
import path from 'node:path';

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (!existsSync(chromium)) {
  throw new Error(
    `No Chromium at ${chromium}. End-to-end tests run in the system's Chromium: install it with ` +
      '`apt-get install -y chromium` (Debian/Ubuntu), or set CHROMIUM_PATH to a Chromium or Chrome executable.',
  );
}

const ci = Boolean(process.env.CI);
// Several runs may share one working tree (each with its own E2E_DIST_DIR): keep their artefacts apart.
const distDir = process.env.E2E_DIST_DIR || '.next-e2e';

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: path.join('test-results', distDir.replace(/^\.+/, '')),
  globalSetup: './tests/e2e/global-setup.ts',
  globalTeardown: './tests/e2e/global-teardown.ts',
  // Tests create their own people and data, so files and tests run in parallel; a file that
  // must not can say test.describe.configure({ mode: 'serial' }).
  fullyParallel: true,
  workers: 2,
  forbidOnly: ci,
  retries: ci ? 1 : 0,
  // A test that needs its retry on CI fails the run (the summary reporter counts it too).
  failOnFlakyTests: ci,
  timeout: 45_000,
  expect: { timeout: 7_000 },
  globalTimeout: 20 * 60_000,
  reporter: [['list'], ['./tests/e2e/support/summary-reporter.ts']],
  use: {
    // Global setup sets E2E_BASE_URL; the `test` of tests/e2e/support passes it on as well.
    baseURL: process.env.E2E_BASE_URL,
    browserName: 'chromium',
    headless: true,
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    actionTimeout: 10_000,
    navigationTimeout: 20_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromium,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
});
