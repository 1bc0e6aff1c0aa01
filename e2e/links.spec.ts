import { expect, test } from '@playwright/test';
import { TourPage } from './pages/tour-page';

test('a permalink reopens the same moment: run, playhead, stage, watched key and speed', async ({ page, context }, testInfo) => {
  const app = new TourPage(page);
  await app.goto();
  const scenario = page.getByRole('form', { name: 'Scenario' });
  await scenario.getByLabel('Cores').fill('6');
  await scenario.getByLabel('Seed').fill('5');
  await scenario.getByRole('button', { name: 'Apply' }).click();
  await expect(app.agreement).toContainText('All 6 replicas agree');
  await app.stepPackets(9);
  await app.press('ArrowRight');
  await app.press('ArrowRight');
  await app.core(2).locator('[data-key="10.1.0.7"] .row-key').click(); // watch Alice
  await page.getByRole('slider', { name: 'Speed' }).fill('5'); // 8x
  const position = await app.eventNumber();
  await app.expectInUrl('at', String(position));
  await app.expectInUrl('speed', '8x');
  await app.expectInUrl('cores', '6');
  const sentence = await app.currentSentence().textContent();
  const rows = await page.locator('[data-stage="core"] .state-row').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-key')}=${e.getAttribute('data-value')}`));
  const link = page.url();
  await page.screenshot({ path: testInfo.outputPath('permalink-before.png') });

  const other = await context.newPage();
  const again = new TourPage(other);
  await other.goto(link);
  await again.ready();
  expect(await again.eventNumber()).toBe(position);
  await expect(again.currentSentence()).toHaveText(sentence ?? '');
  await expect(again.agreement).toContainText('All 6 replicas agree');
  await expect(other.locator('.speed output')).toHaveText('8x');
  const rowsAgain = await other.locator('[data-stage="core"] .state-row').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-key')}=${e.getAttribute('data-value')}`));
  expect(rowsAgain).toEqual(rows);
  await expect(other.locator('[data-stage="core"] .state-row.watched').first()).toHaveAttribute('data-key', '10.1.0.7');
  await expect(other.getByTestId('link-notice')).toHaveCount(0);
  await other.screenshot({ path: testInfo.outputPath('permalink-after.png') });
});

test('the share dialog copies the link and shows its QR code and embed code', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const app = new TourPage(page);
  await app.goto('?scene=piggyback');
  await app.ready();
  await page.keyboard.press('s');
  const dialog = page.getByRole('dialog', { name: 'Share this moment' });
  await expect(dialog).toBeVisible();
  const link = await dialog.getByLabel('Link').inputValue();
  expect(new URL(link).searchParams.get('scene')).toBe('piggyback');
  expect(new URL(link).searchParams.get('at')).toBe('44');
  await dialog.getByRole('button', { name: 'Copy link' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Link copied.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  await expect(dialog.locator('svg title')).toHaveText('QR code of the link');
  expect(await dialog.locator('.qr svg path').count()).toBeGreaterThan(0);
  await expect(dialog.getByLabel(/Embed in slides/)).toHaveValue(/^<iframe src=".*embed=1.*" width="960"/);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

const HOSTILE = [
  {
    query: '?cores=-3&seed=1e99&at=1e9&program=%3Cimg%20src%3Dx%20onerror%3D%22window.__pwned%3D1%22%3E',
    notices: ['There is no program "<img src=x onerror="window.__pwned=1">"', 'cores "-3" must be a whole number from 1 to 64; 1 is used', 'seed "1e99" is out of range; 4,294,967,295 is used', 'past the end of this run'],
    cores: 1,
  },
  {
    query: '?cores=NaN&trace=%22%3E%3Csvg%20onload%3Dalert(1)%3E&speed=%3Cscript%3Ealert(2)%3C%2Fscript%3E&knock=1,2,99999&watch=%00%01',
    notices: ['cores "NaN" is not a number', 'There is no trace', 'speed "<script>alert(2)</script>"', 'knock port 3 must be a whole number from 1 to 65535', 'watch'],
    cores: 4,
  },
  {
    query: `?cores=4&edits=${encodeURIComponent(JSON.stringify([{ kind: 'insert-packet', seq: 99999999, packet: { srcIp: '10.9.9.9', dstPort: 100, proto: 'TCP' } }]))}`,
    notices: ['typed packets and changes could not be replayed'],
    cores: 4,
  },
];

for (const [i, hostile] of HOSTILE.entries()) {
  test(`a hostile or broken link falls back with a notice, never a crash or script (${i + 1})`, async ({ page }, testInfo) => {
    const problems: string[] = [];
    page.on('dialog', (d) => {
      problems.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    const app = new TourPage(page);
    await page.goto(`./${hostile.query}`);
    await app.ready();
    const notice = page.getByTestId('link-notice');
    await expect(notice).toBeVisible();
    for (const text of hostile.notices) await expect(notice).toContainText(text);
    await expect(app.agreement).toContainText(hostile.cores === 1 ? 'The one replica agrees' : `All ${hostile.cores} replicas agree`);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await expect(page.locator('img[src="x"], svg[onload]')).toHaveCount(0);
    // The address is rewritten to what is actually shown: the bad parts are gone.
    await expect.poll(() => page.url()).not.toContain('onerror');
    await page.screenshot({ path: testInfo.outputPath(`hostile-${i + 1}.png`) });
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await expect(notice).toHaveCount(0);
    expect(problems).toEqual([]);
  });
}
