import { expect, test } from '@playwright/test';
import { ExplorerPage } from './pages/explorer-page';

test('drop a packet in flight: its core detects the gap, reads the missing records from a peer, and every replica agrees', async ({ page }, testInfo) => {
  const app = new ExplorerPage(page);
  await app.goto();
  await expect(app.agreement).toContainText('All 4 replicas agree with a single core');

  // Packet #3 leaves the sequencer for core 3: click ✂ beside it while it is on the link.
  await app.stepPackets(3);
  await app.press('ArrowRight'); // arrive
  await app.press('ArrowRight'); // dispatch
  await expect(app.currentSentence()).toContainText('sends packet #3 to core 3');
  await app.dropButton().click();
  await expect(page.getByRole('region', { name: 'Packet loss' }).getByRole('status')).toContainText('Packet #3 is lost on its link');
  await expect(app.currentSentence()).toContainText('it is lost on the link: core 3 misses record #3');
  await expect(page.getByTestId('cut')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('loss-1-cut-on-the-link.png') });

  // Core 3's next packet (#7) shows the gap; it reads the records from its peers' logs.
  await app.stepUntil(/^\d+ Core 3 expected record #0/);
  await expect(page.getByTestId('gap-note')).toContainText('missing #0…#3');
  await page.screenshot({ path: testInfo.outputPath('loss-2-gap-detected.png') });
  await app.stepUntil(/^\d+ Core 3 reads record #3 from core \d's log/);
  await expect(page.getByTestId('peer-arrow')).toBeVisible();
  await expect(page.getByTestId('peer-arrow')).toContainText("#3 from core");
  await page.screenshot({ path: testInfo.outputPath('loss-3-reading-a-peer-log.png') });
  await app.stepUntil(/^\d+ Core 3 has caught up to #3/);
  await app.stepUntil(/^\d+ Core 3 processes its own packet #7/);

  // Every replica agrees with one core; Alice (10.1.0.7) opens on every core after her knocks.
  await expect(app.agreement).toContainText('All 4 replicas agree with a single core despite 1 lost packet');
  await expect(app.agreement).toHaveClass(/ok/);
  await expect(page.getByTestId('loss-summary')).toContainText('Lost: 1 on links');
});

test('drop by keyboard: two losses in a row on one link are congestion, and the badge turns red with the reason', async ({ page }, testInfo) => {
  const app = new ExplorerPage(page);
  await app.goto();
  // x drops the next packet on its link: #0 (core 0), then #4 (core 0 again).
  const notice = page.getByRole('region', { name: 'Packet loss' }).getByRole('status');
  await page.keyboard.press('x');
  await expect(notice).toContainText('Packet #0 is lost on its link');
  await app.press('ArrowRight');
  await app.press('ArrowRight');
  await expect(app.currentSentence()).toContainText('packet #0 to core 0, but it is lost on the link');
  await app.stepPackets(3);
  await app.press('ArrowRight'); // #4 arrives at the sequencer
  await page.keyboard.press('x');
  await expect(notice).toContainText('Packet #4 is lost on its link');
  await expect(app.currentSentence()).toContainText('packet #4 to core 0, but it is lost on the link');
  await expect(app.agreement).toHaveClass(/ok/); // nothing has diverged yet
  await app.stepUntil(/^\d+ Core 0 expected record #0, but packet #8 .* congestion/);
  await expect(app.agreement).toHaveClass(/bad/);
  await expect(app.agreement).toContainText('Possible divergence: core 0 gave up on #0 … #4 at packet #8');
  await expect(app.agreement).toContainText('congestion');
  await expect(page.getByTestId('gap-note')).toContainText('gives up');
  await page.screenshot({ path: testInfo.outputPath('loss-4-congestion.png') });
  // Stepping back before the give-up makes the badge green again: it follows the playhead.
  await app.press('ArrowLeft');
  await expect(app.agreement).toHaveClass(/ok/);
});

test('a loss rate in the scenario bar, with copy recovery, still agrees', async ({ page }) => {
  const app = new ExplorerPage(page);
  await app.goto();
  const scenario = page.getByRole('form', { name: 'Scenario' });
  await scenario.getByLabel('Loss %').fill('1');
  await scenario.getByLabel('Recovery').selectOption('copy');
  await scenario.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByTestId('loss-summary')).toContainText(/Lost: \d+ on links/);
  await expect(page.getByTestId('loss-summary')).toContainText('copied');
  await scenario.getByLabel('Loss %').fill('300');
  await scenario.getByRole('button', { name: 'Apply' }).click();
  await expect(scenario.getByRole('alert')).toContainText('Loss % must be a number from 0 to 100');
  await expect(scenario.getByLabel('Loss %')).toHaveValue('300');
});
