import { expect, test, type Page } from '@playwright/test';

test.use({ viewport: { width: 1280, height: 720 } });

const ELEPHANT = 'program=ddos&cfg.threshold=100&trace=elephant&packets=3000&flows=200&elephantShare=0.8&seed=7&cores=8';
const SKEWED = 'program=ddos&cfg.threshold=100&trace=zipf&packets=3000&flows=200&skew=1.2&seed=7&cores=8';

/** Waits until every pane shown has its recording, then seeks the stage to a share of its run. */
async function seekTo(page: Page, share: number): Promise<void> {
  const slider = page.getByRole('slider', { name: 'Simulated time' });
  await expect(page.locator('.ts-pane .ts-counters').first()).toBeVisible({ timeout: 20_000 });
  const max = Number(await slider.getAttribute('max'));
  await slider.fill(String(Math.round(max * share)));
  await expect(page.locator('[data-stage="technique"]')).toHaveAttribute('data-time-ns', String(Math.round(max * share)));
}

const busyShares = async (page: Page, technique: string) =>
  (await page.locator(`.ts-pane[data-technique="${technique}"] .ts-core`).evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-busy')))));

test('RSS vs SCR on the elephant trace at 8 cores: one RSS core drops while SCR stays even', async ({ page }, testInfo) => {
  await page.goto(`/?${ELEPHANT}&stage=rss&compare=scr`);
  await expect(page.locator('.ts-pane')).toHaveCount(2);
  await expect(page.locator('.ts-pane[data-technique="scr"] .ts-counters')).toBeVisible({ timeout: 20_000 });
  // About 45 µs in: the sending is under way for both.
  await seekTo(page, 0.35);
  const rss = page.locator('.ts-pane[data-technique="rss"]');
  expect(Number(await rss.getAttribute('data-imbalance'))).toBeGreaterThan(3);
  const dropped = await rss.locator('.ts-core').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-dropped'))));
  expect(dropped.filter((d) => d > 0).length).toBeGreaterThanOrEqual(1);
  const scr = await busyShares(page, 'scr');
  expect(Math.max(...scr) / Math.min(...scr)).toBeLessThan(1.05);
  await page.screenshot({ path: testInfo.outputPath('compare-rss-scr.png') });
});

test('locks at 8 cores on the skewed trace: some core waits on a lock', async ({ page }, testInfo) => {
  await page.goto(`/?${SKEWED}&stage=locks`);
  await seekTo(page, 0.3);
  // Step event by event (the same command as the SCR stage) until a core waits.
  const waiting = page.locator('.ts-core[data-waiting="yes"]');
  for (let k = 0; k < 200 && (await waiting.count()) === 0; k++) await page.keyboard.press('ArrowRight');
  await expect(waiting.first()).toBeVisible();
  await expect(waiting.first()).toContainText(/waits for/i);
  await page.screenshot({ path: testInfo.outputPath('locks-stage.png') });
});

test('play and step back run through the same commands; each technique stage mid-run', async ({ page }, testInfo) => {
  for (const technique of ['single', 'rss', 'rsspp', 'scr']) {
    await page.goto(`/?${ELEPHANT}&stage=${technique}`);
    await seekTo(page, 0.3);
    const stage = page.locator('[data-stage="technique"]');
    const before = Number(await stage.getAttribute('data-time-ns'));
    await page.keyboard.press('ArrowLeft');
    await expect.poll(async () => Number(await stage.getAttribute('data-time-ns'))).toBeLessThan(before);
    await page.screenshot({ path: testInfo.outputPath(`stage-${technique}.png`) });
  }
  await page.keyboard.press(' ');
  const stage = page.locator('[data-stage="technique"]');
  const t0 = Number(await stage.getAttribute('data-time-ns'));
  await expect.poll(async () => Number(await stage.getAttribute('data-time-ns'))).toBeGreaterThan(t0);
  await page.keyboard.press(' ');
});
