import AxeBuilder from '@axe-core/playwright';
import { writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { ChartsPanel, column } from './pages/charts-panel';
import { ClockDriver } from './pages/clock-driver';
import { ExplorerPage } from './pages/explorer-page';

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

test('the throughput chart fills in during the sweep: on the elephant trace RSS stays flat while SCR rises', async ({ page }, testInfo) => {
  const app = new ExplorerPage(page);
  await app.goto();
  const charts = new ChartsPanel(page);
  await charts.scenario({ trace: 'elephant', packets: 20000 });
  await charts.open();
  const status = charts.chart('throughput').locator('.chart-status');
  // Cells stream in: the status counts them while the sweep runs...
  await expect(status).toContainText(/computing: \d+ of 80/);
  await page.screenshot({ path: testInfo.outputPath('charts-filling.png') });
  // ...and goes away once all 80 (5 techniques x 16 core counts) are in.
  await expect(status).toHaveCount(0, { timeout: 60_000 });
  const table = await charts.table('throughput');
  expect(table).toHaveLength(17);
  const rss = column(table, 'RSS (Mpps)');
  const scr = column(table, 'SCR (Mpps)');
  const single = column(table, 'single core (Mpps)');
  // Sharding: one elephant flow pins the load to one core, whatever the count.
  expect((rss.get(16) as number) / (rss.get(1) as number)).toBeLessThan(1.5);
  // SCR: rises with every core until the link limits it.
  for (let n = 2; n <= 8; n++) expect(scr.get(n) as number).toBeGreaterThan(scr.get(n - 1) as number);
  expect((scr.get(8) as number) / (scr.get(1) as number)).toBeGreaterThan(5);
  expect(single.get(16)).toBe(single.get(1));
  await expect(charts.chart('throughput').locator('.chart-summary')).toContainText('SCR');
  await page.screenshot({ path: testInfo.outputPath('charts-throughput.png') });
});

test('the live charts follow the playhead: the hot core of sharding, the even cores of SCR, the locks against zero', async ({ page }, testInfo) => {
  const clock = await ClockDriver.install(page);
  const app = new ExplorerPage(page);
  await app.goto();
  const charts = new ChartsPanel(page);
  await charts.scenario({ trace: 'elephant', packets: 5000 });
  await charts.open();
  const perCore = charts.chart('per-core-load');
  await expect(perCore.locator('.chart-summary')).toContainText('packets #0 to #0 of 5,000');
  // Step a few packets: the live view follows.
  // Step packet by packet (the event log is behind the Details tab: wait on the summary instead).
  for (const last of [0, 1, 2]) {
    await page.keyboard.press('Shift+ArrowRight');
    await expect(perCore.locator('.chart-summary')).toContainText(`packets #0 to #${last} of 5,000`);
    await expect(page.getByTestId('position')).toContainText(`· #${last}`);
  }
  // Over the whole trace the picture is clear.
  await page.locator('details.chart-settings > summary').click();
  await page.getByLabel('the whole trace').check();
  await expect(perCore.locator('.chart-summary')).toContainText('the whole trace');
  const imbalance = async (t: string) => Number(await perCore.locator(`.load-row[data-technique="${t}"]`).getAttribute('data-imbalance'));
  expect(await imbalance('rss')).toBeGreaterThan(2);
  expect(await imbalance('scr')).toBeLessThan(1.05);
  const contention = charts.chart('contention');
  await expect(contention.locator('.chart-summary')).toContainText('SCR takes no locks (zero wait, zero transfers)');
  await expect(contention.locator('.key-bar').first()).toBeVisible();
  const rows = await charts.table('contention');
  const locksTotal = rows.find((r) => r[0] === 'shared state + locks' && r[1] === 'all (total)');
  expect(Number(locksTotal?.[3])).toBeGreaterThan(0);
  expect(rows.find((r) => r[0] === 'SCR')?.[3]).toBe('0');
  await expect(charts.chart('flow-sizes').locator('.chart-summary')).toContainText(/largest flow .* carries (7[5-9]|8\d)\.\d %/);
  await page.getByLabel('the packets up to the playhead').check();
  await page.locator('details.chart-settings > summary').click();

  // Playing: the per-core chart follows the playhead. (How often it updates while playing is a
  // performance figure: `npm run bench:ui` measures it; a test only checks that it follows.)
  await page.getByRole('slider', { name: 'Speed' }).fill('8'); // 64x
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  for (let i = 0; i < 10; i++) await clock.advance(100);
  await page.getByRole('button', { name: 'Pause' }).click();
  const packet = Number(/· #(\d+)/.exec((await page.getByTestId('position').textContent()) ?? '')?.[1]);
  expect(packet).toBeGreaterThan(10);
  await expect(perCore.locator('.chart-summary')).toContainText(`packets #0 to #${packet} of 5,000`);
  await perCore.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('charts-live.png') });
  await contention.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('charts-contention.png') });
});

test('every chart exports SVG, PNG and CSV, and the comparison is one 1920x1080 PNG', async ({ page }, testInfo) => {
  const app = new ExplorerPage(page);
  await app.goto();
  const charts = new ChartsPanel(page);
  await charts.scenario({ trace: 'zipf', packets: 4000 });
  await charts.open();
  await expect(charts.chart('throughput').locator('.chart-status')).toHaveCount(0, { timeout: 60_000 });
  for (const id of ['throughput', 'per-core-load', 'contention', 'flow-sizes', 'scr-costs']) {
    const card = charts.chart(id);
    await expect(card.locator('svg.chart-svg')).toBeVisible();
    const svg = await charts.download(card.getByRole('button', { name: /as SVG$/ }));
    expect(svg.name).toMatch(new RegExp(`^${id}-.*\\.svg$`));
    expect(svg.bytes.toString('utf8')).toMatch(/^<svg[\s\S]*<\/svg>$/);
    const png = await charts.download(card.getByRole('button', { name: /as PNG$/ }));
    expect([...png.bytes.subarray(0, 8)]).toEqual(PNG_MAGIC);
    expect(png.bytes.length).toBeGreaterThan(2000);
    const csv = await charts.download(card.getByRole('button', { name: /data as CSV$/ }));
    const lines = csv.bytes.toString('utf8').split('\r\n');
    expect(lines[0]).toMatch(/^[a-z_]+(,[a-z_0-9]+)+$/);
    expect(lines.length).toBeGreaterThan(2);
    if (id === 'throughput') writeFileSync(testInfo.outputPath('throughput-export.png'), png.bytes);
  }
  const sheet = await charts.download(page.getByRole('button', { name: 'Export comparison (PNG 16:9)' }));
  expect([...sheet.bytes.subarray(0, 8)]).toEqual(PNG_MAGIC);
  // IHDR: width and height, big-endian, at bytes 16..23.
  expect(sheet.bytes.readUInt32BE(16)).toBe(1920);
  expect(sheet.bytes.readUInt32BE(20)).toBe(1080);
  writeFileSync(testInfo.outputPath('comparison.png'), sheet.bytes);
});

test('the costs form explains absurd values, keeps what was typed, and a valid change reruns the sweep', async ({ page }) => {
  const app = new ExplorerPage(page);
  await app.goto();
  const charts = new ChartsPanel(page);
  await charts.open();
  await expect(charts.chart('throughput').locator('.chart-status')).toHaveCount(0, { timeout: 60_000 });
  const before = column(await charts.table('throughput'), 'SCR (Mpps)').get(1) as number;
  await page.locator('details.chart-settings > summary').click();
  const costs = page.getByRole('form', { name: 'Costs' });
  await costs.getByLabel(/^c1 \(ns\)/).fill('fast');
  await costs.getByLabel(/^d \(ns\)/).fill('-20');
  await costs.getByRole('button', { name: 'Apply costs' }).click();
  await expect(costs.getByRole('alert')).toContainText('"fast" is not a number');
  await expect(costs.getByRole('alert')).toContainText('Cost d must be a number from 0 to 1000000 ns, not -20');
  await expect(costs.getByLabel(/^c1 \(ns\)/)).toHaveValue('fast');
  await expect(costs.getByLabel(/^c1 \(ns\)/)).toHaveAttribute('aria-invalid', 'true');
  await costs.getByLabel(/^c1 \(ns\)/).fill('400');
  await costs.getByLabel(/^d \(ns\)/).fill('');
  await costs.getByRole('button', { name: 'Apply costs' }).click();
  await expect(costs.getByRole('alert')).toHaveCount(0);
  await expect.poll(async () => column(await charts.table('throughput'), 'SCR (Mpps)').get(1), { timeout: 30_000 }).toBeLessThan(before / 2);
});

for (const scheme of ['light', 'dark'] as const) {
  test(`the charts have no serious or critical accessibility violations (${scheme})`, async ({ page }, testInfo) => {
    await page.emulateMedia({ colorScheme: scheme });
    const app = new ExplorerPage(page);
    await app.goto();
    const charts = new ChartsPanel(page);
    await charts.open();
    await expect(charts.chart('throughput').locator('.chart-status')).toHaveCount(0, { timeout: 60_000 });
    await page.locator('details.chart-settings > summary').click();
    await charts.table('throughput');
    const results = await new AxeBuilder({ page }).include('.side-panel').analyze();
    const bad = results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
    expect(bad).toEqual([]);
    await page.screenshot({ path: testInfo.outputPath(`charts-${scheme}.png`), fullPage: false });
  });
}

test('at 1280x720 the stage stays legible beside the charts, and C toggles them', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  const app = new ExplorerPage(page);
  await app.goto();
  await page.keyboard.press('c');
  await expect(page.getByRole('tab', { name: 'Charts' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('[data-chart="throughput"] .chart-status')).toHaveCount(0, { timeout: 60_000 });
  const stage = await page.getByRole('region', { name: 'Stage' }).boundingBox();
  expect(stage?.width).toBeGreaterThan(600);
  // No horizontal overflow of the page.
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  // Chart text is at least 14 px.
  const smallest = await page.evaluate(() => Math.min(...Array.from(document.querySelectorAll('.chart-svg text'), (t) => parseFloat(getComputedStyle(t).fontSize))));
  expect(smallest).toBeGreaterThanOrEqual(14);
  await page.screenshot({ path: testInfo.outputPath('charts-1280x720.png') });
  await page.keyboard.press('c');
  await expect(page.getByRole('region', { name: 'Event log' })).toBeVisible();
});

test("SCR's costs show the cost of recovery: less throughput at 0.5, 1 and 1.5 % loss than without", async ({ page }, testInfo) => {
  const app = new ExplorerPage(page);
  await app.goto();
  const charts = new ChartsPanel(page);
  await charts.open();
  await expect(charts.chart('scr-costs').locator('svg .loss-panel-chart')).toBeVisible({ timeout: 60_000 });
  await charts.chart('scr-costs').locator('svg').screenshot({ path: testInfo.outputPath('scr-costs-loss.png') });
  const table = await charts.table('scr-costs');
  const at = (rate: string) => column(table, `scr_mpps_loss_${rate}`).get(8) as number;
  expect(at('0pct')).toBeGreaterThan(at('0_5pct'));
  expect(at('0_5pct')).toBeGreaterThan(at('1pct'));
  expect(at('1pct')).toBeGreaterThan(at('1_5pct'));
  await expect(charts.chart('scr-costs')).toContainText('recovered from the peers');
});
