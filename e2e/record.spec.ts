import { readFileSync, writeFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { ALL_FORMATS, BufferSource, EncodedPacketSink, Input } from 'mediabunny';
import { TourPage } from './pages/tour-page';

test.use({ viewport: { width: 1280, height: 720 } });

/** Opens the recording dialog by its key, on the port-knocking story at event 40. */
async function openRecorder(page: Page) {
  const app = new TourPage(page);
  await app.goto('?scene=port-knocking&paused=1&at=40');
  await app.ready();
  await page.keyboard.press('r');
  const dialog = page.getByRole('dialog', { name: 'Record a video' });
  await expect(dialog).toBeVisible();
  return { app, dialog };
}

/** Duration, packet count and size of a video file, as mediabunny (the app's own muxer library) reads it, in Node. */
async function probe(bytes: Buffer) {
  const input = new Input({ source: new BufferSource(bytes), formats: ALL_FORMATS });
  const track = await input.getPrimaryVideoTrack();
  if (!track) throw new Error('no video track');
  let packets = 0;
  for await (const packet of new EncodedPacketSink(track).packets()) if (packet) packets++;
  return { duration: await input.computeDuration(), packets, width: track.displayWidth, height: track.displayHeight, codec: track.codec };
}

/** Two frames of the video decoded by the browser's own player: distinct colours in the middle one, and pixels that differ from the first. */
async function decodedFrames(page: Page, bytes: Buffer, middle: number) {
  return page.evaluate(async ({ base64, middle }) => {
    const data = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const video = document.createElement('video');
    video.muted = true;
    video.src = URL.createObjectURL(new Blob([data], { type: 'video/webm' }));
    await new Promise((resolve, reject) => ((video.onloadeddata = resolve), (video.onerror = () => reject(new Error('the browser could not play the file')))));
    const grab = async (t: number) => {
      await new Promise((resolve) => ((video.onseeked = resolve), (video.currentTime = t)));
      const canvas = document.createElement('canvas');
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      const context = canvas.getContext('2d')!;
      context.drawImage(video, 0, 0);
      return context.getImageData(0, 0, canvas.width, canvas.height).data;
    };
    const first = await grab(0);
    const later = await grab(middle);
    const colours = new Set<number>();
    let differ = 0;
    for (let i = 0; i < later.length; i += 4 * 97) {
      colours.add((later[i]! << 16) | (later[i + 1]! << 8) | later[i + 2]!);
      if (Math.abs(later[i]! - first[i]!) + Math.abs(later[i + 1]! - first[i + 1]!) + Math.abs(later[i + 2]! - first[i + 2]!) > 30) differ++;
    }
    return { colours: colours.size, differ };
  }, { base64: bytes.toString('base64'), middle });
}

test('records 3 s of the port-knocking story at 1280x720 / 30 fps to WebM, and the screen stays where it was', async ({ page }) => {
  test.setTimeout(300_000); // 90 frames rendered offline: minutes on a loaded 2-core machine
  const { app, dialog } = await openRecorder(page);
  const before = await app.eventNumber();
  await dialog.getByLabel('Seconds of play').fill('3');
  await expect(dialog.getByRole('combobox', { name: 'File' })).toHaveValue('webm');
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 280_000 }), dialog.getByRole('button', { name: 'Record' }).click()]);
  expect(download.suggestedFilename()).toBe('scr-portknock-4-cores-from-event-40.webm');
  await expect(dialog.getByRole('status')).toContainText('90 frames');
  const bytes = readFileSync(await download.path());
  const file = await probe(bytes);
  expect(Math.abs(file.duration - 3)).toBeLessThanOrEqual(1 / 30 + 1e-9);
  expect(file.packets).toBe(90);
  expect([file.width, file.height]).toEqual([1280, 720]);
  expect(file.codec).toMatch(/vp9|vp8/);
  const frames = await decodedFrames(page, bytes, 1.5);
  expect(frames.colours).toBeGreaterThan(5); // not blank
  expect(frames.differ).toBeGreaterThan(10); // the middle frame is not the first
  // The screen's explorer did not move.
  await dialog.getByRole('button', { name: 'Close' }).click();
  expect(await app.eventNumber()).toBe(before);
});

test('Cancel mid-render leaves the screen where it was and saves nothing', async ({ page }) => {
  const { app, dialog } = await openRecorder(page);
  const before = await app.eventNumber();
  let downloads = 0;
  page.on('download', () => downloads++);
  await dialog.getByLabel('Seconds of play').fill('20');
  await dialog.getByRole('button', { name: 'Record' }).click();
  const progress = dialog.getByRole('progressbar', { name: 'Recording progress' });
  await expect.poll(async () => Number(await progress.getAttribute('value'))).toBeGreaterThan(3);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Cancelled: nothing was saved.');
  await expect(dialog.getByRole('button', { name: 'Record' })).toBeEnabled();
  expect(downloads).toBe(0);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  expect(await app.eventNumber()).toBe(before);
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  // The off-screen stage is gone with its worker.
  await expect(page.locator('.record-host')).toHaveCount(0);
});

test('the same moment renders the same pixels: two stills of one playhead are identical', async ({ page }, testInfo) => {
  const { dialog } = await openRecorder(page);
  await dialog.getByRole('combobox', { name: 'File' }).selectOption('png');
  await dialog.getByRole('combobox', { name: 'Look' }).selectOption('presenter');
  const still = async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Save the still' }).click()]);
    await expect(dialog.getByRole('status')).toContainText('1 frame');
    return readFileSync(await download.path());
  };
  const one = await still();
  const two = await still();
  expect(one.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(one.readUInt32BE(16)).toBe(1280);
  expect(one.readUInt32BE(20)).toBe(720);
  expect(one.equals(two)).toBe(true);
  await testInfo.attach('still', { body: one, contentType: 'image/png' });
  writeFileSync(testInfo.outputPath('record-still-presenter.png'), one);
});
