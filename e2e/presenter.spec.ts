import { expect, test } from '@playwright/test';
import { ClockDriver } from './pages/clock-driver';
import { TourPage } from './pages/tour-page';

test.use({ viewport: { width: 1280, height: 720 } });

for (const scene of ['piggyback', 'sequencer', 'limits'] as const) {
  test(`presenter mode, large and high-contrast, in the ${scene} scene`, async ({ page }, testInfo) => {
    const app = new TourPage(page);
    await app.goto(`?scene=${scene}`);
    await app.ready();
    await page.keyboard.press('f');
    await expect(app.app).toHaveClass(/presenter/);
    await expect(page.getByRole('button', { name: 'Present' })).toHaveAttribute('aria-pressed', 'true');
    // Larger type than the 18 px of the normal view.
    expect(await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize))).toBeGreaterThanOrEqual(22);
    await app.press('ArrowRight');
    // Everything fits the projector: no scrolling either way, the controls and the narration in view.
    const overflow = await page.evaluate(() => [document.documentElement.scrollWidth - window.innerWidth, document.documentElement.scrollHeight - window.innerHeight]);
    expect(overflow).toEqual([0, 0]);
    await expect(page.getByRole('button', { name: 'Play' })).toBeInViewport();
    await expect(app.tour.getByRole('heading', { level: 2 })).toBeInViewport();
    await page.screenshot({ path: testInfo.outputPath(`presenter-${scene}.png`) });
    await page.keyboard.press('f');
    await expect(app.app).not.toHaveClass(/presenter/);
  });
}

test('when full screen is refused, presenter mode fills the window and says how to get full screen', async ({ page }) => {
  await page.addInitScript(() => {
    Element.prototype.requestFullscreen = () => Promise.reject(new TypeError('Permissions check failed'));
  });
  const app = new TourPage(page);
  await app.goto();
  await page.getByRole('button', { name: 'Present' }).click();
  await expect(app.app).toHaveClass(/presenter/);
  await expect(page.getByRole('status').filter({ hasText: 'did not allow full screen' })).toContainText('F11');
});

test('clicker keys step, blank and pause; the help lists them from the registry', async ({ page }) => {
  const clock = await ClockDriver.install(page);
  const app = new TourPage(page);
  await app.goto('?scene=port-knocking');
  await app.ready();
  await app.press('PageDown');
  await app.press('PageDown');
  expect(await app.eventNumber()).toBe(2);
  await app.press('PageUp');
  expect(await app.eventNumber()).toBe(1);
  await page.keyboard.press(' ');
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await page.keyboard.press('b');
  await expect(page.getByTestId('blank-screen')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Play' })).toBeAttached(); // blanking paused it
  const paused = await app.eventNumber();
  await clock.advance(2000); // two seconds of the page's time: a playing scene would have moved
  expect(await app.eventNumber()).toBe(paused);
  await page.keyboard.press('.');
  await expect(page.getByTestId('blank-screen')).toHaveCount(0);
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  for (const key of ['PageDown', 'PageUp', '.', 'b', 'n', 'p', 'f', 'l', '[', ']', 's']) await expect(help.locator('kbd', { hasText: new RegExp(`^${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }).first()).toBeVisible();
  await expect(help).toContainText('Pause and blank the screen');
  await page.keyboard.press('Escape');
});

test('loop a marked range while playing, for a live demo', async ({ page }) => {
  const clock = await ClockDriver.install(page);
  const app = new TourPage(page);
  await app.goto('?scene=piggyback');
  await app.ready();
  await page.keyboard.press('['); // start at event 44
  for (let i = 0; i < 6; i++) await app.press('ArrowRight');
  await page.keyboard.press(']'); // end at event 50
  await page.keyboard.press('l');
  await expect(page.getByTestId('loop-marks')).toHaveClass(/on/);
  await app.expectInUrl('loop', '44-50');
  await page.getByRole('slider', { name: 'Speed' }).fill('5'); // 8x: 12.8 events a second
  await page.keyboard.press(' ');
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  // Three seconds of play, a tenth of a second at a time: about 38 events, five times round.
  const seen: number[] = [];
  for (let i = 0; i < 30; i++) {
    await clock.advance(100);
    seen.push(await app.eventNumber());
  }
  // It went round and round (reaching the end mark jumps back to the start) and never left the range.
  expect(Math.min(...seen)).toBeGreaterThanOrEqual(44);
  expect(Math.max(...seen)).toBeLessThan(50);
  expect(seen.filter((n, i) => i > 0 && n < seen[i - 1]!).length).toBeGreaterThanOrEqual(4);
  expect(new Set(seen).size).toBeGreaterThan(4);
  await page.keyboard.press(' ');
});

test('"start paused" keeps an autoplaying scene still', async ({ page }) => {
  const clock = await ClockDriver.install(page);
  const app = new TourPage(page);
  await app.goto();
  await page.getByText('Demo', { exact: true }).click();
  await page.getByLabel('Start scenes paused').check();
  await app.expectInUrl('paused', '1');
  await page.keyboard.press('Escape');
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('n'); // scene 1 plays by itself, unless paused
  await app.expectScene('one-core', 'One core cannot keep up');
  await app.ready();
  await clock.advance(2000); // two seconds of the page's time: an autoplaying scene would have moved
  expect(await app.eventNumber()).toBe(0);
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
});
