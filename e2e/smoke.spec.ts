import { expect, test } from '@playwright/test';

test('the built app loads, the engine worker answers, and nothing fails', async ({ page }, testInfo) => {
  const consoleErrors: string[] = [];
  const failedRequests: string[] = [];
  const externalRequests: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => consoleErrors.push(err.message));
  page.on('requestfailed', (req) => failedRequests.push(`${req.url()} ${req.failure()?.errorText ?? ''}`));
  page.on('response', (res) => {
    if (res.status() >= 400) failedRequests.push(`${res.url()} ${res.status()}`);
  });
  page.on('request', (req) => {
    if (!req.url().startsWith('http://127.0.0.1:')) externalRequests.push(req.url());
  });

  await page.goto('./');
  await expect(page.getByRole('heading', { name: 'SCR Explorer', level: 1 })).toBeVisible();
  // The worker built the default run and the page drew it.
  await expect(page.getByTestId('agreement')).toContainText('All 4 replicas agree with a single core');
  await expect(page.getByRole('group', { name: /Stage: Port-knocking firewall on 4 cores/ })).toBeVisible();
  await expect(page.getByTestId('core-3')).toBeVisible();
  // And its self-check ping answered.
  await page.keyboard.press('?');
  await expect(page.getByTestId('engine-status')).toContainText('every replica agrees with a single core');
  await page.keyboard.press('Escape');

  await page.screenshot({ path: testInfo.outputPath('shell.png'), fullPage: true });
  await testInfo.attach('shell', { path: testInfo.outputPath('shell.png'), contentType: 'image/png' });

  expect(consoleErrors).toEqual([]);
  expect(failedRequests).toEqual([]);
  expect(externalRequests).toEqual([]);
});

test('the help overlay lists the shortcuts and closes with Escape', async ({ page }) => {
  await page.goto('./');
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText('Switch theme (system, light, dark)')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

test('the dark theme can be chosen by keyboard', async ({ page }, testInfo) => {
  await page.goto('./');
  await page.keyboard.press('t'); // light
  await page.keyboard.press('t'); // dark
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.screenshot({ path: testInfo.outputPath('shell-dark.png') });
});

test('follows the system colour scheme until the user picks a theme', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('./');
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(await background()).toBe('rgb(20, 23, 28)');
  await page.keyboard.press('t'); // light, whatever the system says
  expect(await background()).toBe('rgb(247, 247, 244)');
});
