import { defineConfig } from '@playwright/test';
import { chromiumArgs, findChromium } from './e2e/find-chromium';

// E2E_PORT lets two work trees run their e2e suites at once.
const port = Number(process.env.E2E_PORT ?? 4317);

// Fail at once, with a message naming both ways to get a browser, rather than mid-run.
const executablePath = findChromium();

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results',
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  // One retry on CI only: a 2-core runner under load can starve an animation-timing check;
  // the report still lists such a test as flaky.
  retries: process.env.CI ? 1 : 0,
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  timeout: 30_000,
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    browserName: 'chromium',
    launchOptions: { executablePath, args: chromiumArgs },
    viewport: { width: 1600, height: 900 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  webServer: {
    // Always the built app: dev mode hides production-only breakage (see ARCHITECTURE.md).
    command: `npx vite build && npx vite preview --host 127.0.0.1 --port ${port} --strictPort`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
