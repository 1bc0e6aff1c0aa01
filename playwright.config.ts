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
  // Two browsers at once on the 2-core machines this runs on (CI's and a developer's alike).
  workers: 2,
  // No retries: every test waits on conditions and drives time with the page's stepped clock
  // (e2e/pages/clock-driver.ts), so a slow machine makes a test slower, never wrong.
  retries: 0,
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  // Deadlines only catch a hang: generous enough that a machine loaded many times over (other
  // builds, a CPU hog, two browsers on two cores) makes a test slower, never failed.
  timeout: 120_000,
  expect: { timeout: 20_000 },
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
