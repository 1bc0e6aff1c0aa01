import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { ClockDriver } from './pages/clock-driver';
import { ExplorerPage } from './pages/explorer-page';

const ALICE = '10.1.0.7';

test('port knocking, packet by packet: Alice opens on every core and her next packet passes', async ({ page }, testInfo) => {
  const app = new ExplorerPage(page);
  await app.goto();
  await expect(app.agreement).toContainText('All 4 replicas agree with a single core');

  // Packet #0: Alice's first knock, processed by core 0.
  await app.stepPackets(1);
  await expect(app.currentSentence()).toContainText('Core 0 processes its own packet #0');
  // The touched row flashes old → new.
  await expect(app.rowValue(0, ALICE)).toHaveText('new → CLOSED_1');
  // Watch Alice: her row stays on every core's table from now on.
  await app.core(0).locator(`[data-key="${ALICE}"]`).click();
  await page.screenshot({ path: testInfo.outputPath('story-1-first-knock.png') });

  // Through packet #7, her third knock, processed by core 3: OPEN there, PASS.
  await app.stepPackets(7);
  await expect(app.currentSentence()).toContainText('Core 3 processes its own packet #7');
  await expect(app.currentSentence()).toContainText('OPEN; verdict PASS');
  await expect(app.rowValue(3, ALICE)).toHaveText('CLOSED_2 → OPEN');
  // Core 0 has not fast-forwarded over #7 yet: it still shows the state before the knock.
  expect(await app.rowState(0, ALICE)).toBe('CLOSED_2');
  await page.screenshot({ path: testInfo.outputPath('story-2-open-on-one-core.png') });

  // Packet #8 goes to core 0, which fast-forwards #5, #6, #7 first: step through them one event at a time.
  await app.press('ArrowRight'); // arrive
  await app.press('ArrowRight'); // dispatch with history
  await expect(app.currentSentence()).toContainText('sends packet #8 to core 0 with history #5, #6, #7');
  for (let k = 0; k < 3; k++) await app.press('ArrowRight');
  await expect(app.currentSentence()).toContainText('Core 0 fast-forwards history record #7 (3 of 3)');
  await expect(app.rowValue(0, ALICE)).toHaveText('CLOSED_2 → OPEN');
  await page.screenshot({ path: testInfo.outputPath('story-3-fast-forward.png') });

  // After packets #8..#10 every core has fast-forwarded over #7: OPEN everywhere.
  await app.stepPackets(3);
  for (let c = 0; c < 4; c++) expect(await app.rowState(c, ALICE)).toBe('OPEN');
  // Her SSH traffic (#9) passed.
  await expect(app.eventLog).toContainText('own packet #9');
  await expect(app.eventLog.getByText(/own packet #9: .*verdict PASS/)).toBeVisible();
  await expect(app.agreement).toContainText('agree');
});

test('stepping back undoes exactly one event, and the log seeks on click', async ({ page }) => {
  const app = new ExplorerPage(page);
  await app.goto();
  await app.stepPackets(4);
  const here = await app.eventNumber();
  const sentence = await app.currentSentence().textContent();
  await app.press('ArrowLeft');
  expect(await app.eventNumber()).toBe(here - 1);
  await app.press('ArrowRight');
  await expect(app.currentSentence()).toHaveText(sentence ?? '');
  // Click an older line of the log: the playhead goes there.
  await app.eventLog.locator('li').first().getByRole('button').click();
  await app.settled();
  expect(await app.eventNumber()).toBeLessThan(here);
  await app.press('Shift+ArrowLeft');
  await app.press('Home');
  expect(await app.eventNumber()).toBe(0);
});

test('play, pause, speed and the timeline scrubber', async ({ page }) => {
  const clock = await ClockDriver.install(page);
  const app = new ExplorerPage(page);
  await app.goto();
  const speed = page.getByRole('slider', { name: 'Speed' });
  await speed.fill('8'); // 64x: 102.4 events a second
  await expect(page.locator('.speed output')).toHaveText('64x');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await clock.advance(500);
  // Half a second of the page's time at 64x: about 50 events (the first frame only starts counting).
  await expect.poll(() => app.eventNumber()).toBeGreaterThanOrEqual(45);
  expect(await app.eventNumber()).toBeLessThanOrEqual(52);
  await page.getByRole('button', { name: 'Pause' }).click();
  const paused = await app.eventNumber();
  await clock.advance(1000);
  expect(await app.eventNumber()).toBe(paused);
  const timeline = page.getByRole('slider', { name: 'Timeline' });
  await timeline.fill('500');
  await expect.poll(() => app.eventNumber()).toBe(500);
  await app.settled();
  await page.getByRole('button', { name: 'Reset' }).click();
  await expect.poll(() => app.eventNumber()).toBe(0);
});

test('a typed packet goes through the sequencer like any other', async ({ page }) => {
  const app = new ExplorerPage(page);
  await app.goto();
  const form = page.getByRole('form', { name: 'Type your own packet' });
  for (const port of ['100', '101', '102']) {
    await form.getByLabel('Source IP').fill('10.200.0.1');
    await form.getByLabel('Dst port').fill(port);
    await form.getByRole('button', { name: /Insert as packet/ }).click();
    await expect(form.getByRole('status')).toContainText('Inserted as packet');
    await app.stepPackets(1);
  }
  await expect(app.currentSentence()).toContainText('10.200.0.1 CLOSED_2 → OPEN; verdict PASS');
  await expect(app.agreement).toContainText('agree');
});

test('a bad scenario says what is wrong and keeps what was typed', async ({ page }) => {
  const app = new ExplorerPage(page);
  await app.goto();
  const scenario = page.getByRole('form', { name: 'Scenario' });
  await scenario.getByLabel('Knock sequence').fill('100, 70000');
  await scenario.getByRole('button', { name: 'Apply' }).click();
  await expect(scenario.getByRole('alert')).toContainText('65535');
  await expect(scenario.getByLabel('Knock sequence')).toHaveValue('100, 70000');
  await expect(page.getByTestId('core-0')).toBeVisible(); // the previous run is still shown
  await scenario.getByLabel('Knock sequence').fill('7, 8');
  await scenario.getByLabel('Cores').fill('8');
  await scenario.getByRole('button', { name: 'Apply' }).click();
  await expect(app.agreement).toContainText('All 8 replicas agree');
  await expect(scenario.getByRole('alert')).toHaveCount(0);
});

test('a worker that dies is reported, and Restart brings back the same scenario at the same playhead', async ({ page }) => {
  const app = new ExplorerPage(page);
  await app.goto();
  await app.stepPackets(3);
  const here = await app.eventNumber();
  const worker = page.workers()[0];
  expect(worker).toBeDefined();
  // An uncaught error inside the worker, as a bug in the engine would throw.
  await worker!.evaluate(() => {
    setTimeout(() => {
      throw new Error('simulated engine crash');
    });
  });
  const failed = page.getByTestId('engine-failed');
  await expect(failed).toContainText('simulated engine crash');
  await expect(failed).toContainText('Your scenario and the playhead are kept');
  await failed.getByRole('button', { name: 'Restart the engine' }).click();
  await expect(failed).toHaveCount(0);
  await expect(app.agreement).toContainText('All 4 replicas agree');
  await app.settled();
  expect(await app.eventNumber()).toBe(here);
  await expect(app.currentSentence()).toContainText('processes its own packet #2');
});

test('opens a real capture file, and explains a file that is not one', async ({ page }) => {
  const app = new ExplorerPage(page);
  await app.goto();
  const scenario = page.getByRole('form', { name: 'Scenario' });
  await scenario.getByLabel('Open a capture…').setInputFiles({
    name: 'notes.pcap',
    mimeType: 'application/octet-stream',
    buffer: Buffer.from('<html>this is not a capture</html>'),
  });
  await expect(scenario.getByRole('alert')).toContainText(/not a pcap or pcapng file/i);
  await expect(scenario.getByRole('alert')).toContainText('at byte 0');
  await expect(app.agreement).toContainText('agree'); // the previous run is still there

  await scenario.getByLabel('Open a capture…').setInputFiles('src/engine/trace/capture/fixtures/live-loopback.pcapng');
  await expect(scenario.getByRole('alert')).toHaveCount(0);
  await expect(scenario.getByLabel('Trace')).toHaveValue('capture');
  await app.stepPackets(2);
  await expect(app.eventLog).toContainText('Packet #1');
});

test('the trace parameters follow the generator', async ({ page }) => {
  const app = new ExplorerPage(page);
  await app.goto();
  const scenario = page.getByRole('form', { name: 'Scenario' });
  await scenario.getByLabel('Program').selectOption('ddos');
  await scenario.getByLabel('Trace').selectOption('elephant');
  await expect(scenario.getByLabel('Elephant share')).toBeVisible();
  await scenario.getByLabel('Elephant share').fill('0.9');
  await scenario.getByLabel('Cores').fill('16');
  await scenario.getByRole('button', { name: 'Apply' }).click();
  await expect(app.agreement).toContainText('All 16 replicas agree');
  await expect(page.getByTestId('core-15')).toBeVisible();
  await app.stepPackets(20);
  await expect(page.getByRole('group', { name: /DDoS mitigator on 16 cores/ })).toBeVisible();
  await app.press('ArrowRight');
  await app.press('ArrowRight');
  await page.screenshot({ path: test.info().outputPath('ddos-16-cores.png') });
});

test('clicking a core shows its whole replica; clicking a key highlights it everywhere', async ({ page }) => {
  const app = new ExplorerPage(page);
  await app.goto();
  await app.stepPackets(12);
  await app.core(1).getByRole('button', { name: 'Core 1: inspect its replica' }).click();
  const inspector = page.getByRole('region', { name: 'Inspector' });
  await expect(inspector.getByRole('heading')).toHaveText('Core 1: its whole replica');
  await expect(inspector.getByRole('row')).not.toHaveCount(1);
  const first = inspector.getByRole('button', { pressed: false }).first();
  const keyText = (await first.textContent()) ?? '';
  await first.click();
  await expect(inspector.getByRole('button', { pressed: true })).toHaveText(keyText);
  for (let c = 0; c < 4; c++) await expect(app.core(c).locator(`[data-key="${keyText}"]`)).toHaveClass(/watched/);
});

test('a capture file dropped on the stage is read like an opened one', async ({ page }) => {
  const app = new ExplorerPage(page);
  await app.goto();
  const bytes = [...readFileSync('src/engine/trace/capture/fixtures/ipv4-mix.pcap')];
  const transfer = await page.evaluateHandle((data) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(data)], 'ipv4-mix.pcap'));
    return dt;
  }, bytes);
  await page.getByRole('region', { name: 'Stage' }).dispatchEvent('drop', { dataTransfer: transfer });
  await expect(page.getByRole('form', { name: 'Scenario' }).getByLabel('Trace')).toHaveValue('capture');
  await expect(page.locator('select option[value="capture"]')).toHaveText('File: ipv4-mix.pcap');
  await app.stepPackets(1);
  await expect(app.currentSentence()).toContainText('packet #0');
});

for (const [width, height] of [[1280, 720], [1024, 768]] as const) {
  test(`fits a ${width}x${height} projector without horizontal scrolling`, async ({ page }, testInfo) => {
    await page.setViewportSize({ width, height });
    const app = new ExplorerPage(page);
    await app.goto();
    await app.stepPackets(8);
    await app.press('ArrowRight');
    await app.press('ArrowRight');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expect(page.getByRole('button', { name: 'Play' })).toBeInViewport();
    await page.screenshot({ path: testInfo.outputPath(`projector-${width}x${height}.png`) });
  });
}
