import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { TourPage } from './pages/tour-page';

/** The scenes in order, with where each opens (the unit tests tie these playheads to the narration). */
const SCENES = [
  { id: 'one-core', title: 'One core cannot keep up', start: 0, autoplay: true },
  { id: 'shared-state', title: 'Shared state, and the cores fighting over it', start: 0 },
  { id: 'sharding', title: 'Sharding, and the heavy flow it cannot split', start: 0 },
  { id: 'nat-pool', title: 'State that belongs to no flow: the NAT’s free ports', start: 12 },
  { id: 'replicate', title: 'Idea 1: every core keeps a full copy of the state', start: 60 },
  { id: 'piggyback', title: 'Idea 2: piggyback a short history, then fast-forward', start: 44 },
  { id: 'port-knocking', title: 'Port knocking, one event at a time', start: 0 },
  { id: 'sequencer', title: 'The sequencer: round-robin, a ring, piggybacking', start: 174 },
  { id: 'scaling', title: 'Scaling results', start: 0, autoplay: true },
  { id: 'limits', title: 'The limits: compute against dispatch, and history bytes', start: 674 },
  { id: 'loss', title: 'Packet loss, and how a core recovers', start: 58 },
] as const;

test('the whole tour, by keyboard only: each scene opens where it says, can be stepped and explored, and is in the address', async ({ page }) => {
  test.setTimeout(300_000);
  const app = new TourPage(page);
  await app.goto();
  for (const [i, scene] of SCENES.entries()) {
    await page.keyboard.press('n');
    await app.expectScene(scene.id, scene.title);
    await expect(app.tour).toContainText(`scene ${i + 1} of ${SCENES.length}`);
    await app.expectInUrl('scene', scene.id);
    await expect(app.agreement).toBeVisible();
    if ('autoplay' in scene) {
      // It plays by itself; Space pauses it where it is.
      await expect.poll(() => app.eventNumber()).toBeGreaterThan(scene.start);
      await page.keyboard.press(' ');
      await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
    } else {
      await expect.poll(() => app.eventNumber()).toBe(scene.start);
    }
    // Explore: step forward and back, by the arrows and by the clicker's keys.
    const here = await app.eventNumber();
    await app.press('ArrowRight');
    expect(await app.eventNumber()).toBe(here + 1);
    await app.press('PageDown');
    expect(await app.eventNumber()).toBe(here + 2);
    await app.press('PageUp');
    await app.press('ArrowLeft');
    expect(await app.eventNumber()).toBe(here);
    // The spotlight rings what the narration talks about.
    await expect(app.app).toHaveAttribute('data-spotlight', /\S/);
  }
  // The last scene: "next" has nowhere to go; "previous" goes back.
  await page.keyboard.press('n');
  await app.expectScene('loss', SCENES.at(-1)!.title);
  await page.keyboard.press('p');
  await app.expectScene('limits', SCENES.at(-2)!.title);
  // The limits scene selects its packet: the inspector shows its bytes on the wire.
  await expect(page.getByRole('region', { name: 'Inspector' })).toContainText(/SCR adds\s*\d+ B/);
});

test('the scene list, the spotlight and the piggyback story, with Tab and Enter only', async ({ page }) => {
  const app = new TourPage(page);
  await app.goto();
  // Tab to the tour's start button.
  const start = page.getByRole('button', { name: /Take the guided tour/ });
  for (let i = 0; i < 40 && !(await start.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(start).toBeFocused();
  await page.keyboard.press('Enter');
  await app.expectScene('one-core', SCENES[0].title);
  await page.keyboard.press(' '); // pause the autoplay
  // Open the list of scenes and pick the sixth, with the keyboard.
  const list = app.tour.locator('summary', { hasText: 'All scenes' });
  for (let i = 0; i < 40 && !(await list.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(list).toBeFocused();
  await page.keyboard.press('Enter');
  const sixth = app.tour.getByRole('button', { name: /^6\. Idea 2/ });
  for (let i = 0; i < 20 && !(await sixth.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(sixth).toBeFocused();
  await page.keyboard.press('Enter');
  await app.expectScene('piggyback', SCENES[5].title);
  await app.ready();
  // The packet, its chips and core 0 are ringed; the watched row is Alice's.
  await expect(app.app).toHaveAttribute('data-spotlight', 'packet chips core-0');
  const ring = await page.locator('[data-stage="core"][data-core="0"] > rect').evaluate((el) => getComputedStyle(el).strokeDasharray);
  expect(ring).not.toBe('none');
  await expect(app.currentSentence()).toContainText('sends packet #8 to core 0 with history #5, #6, #7');
  // The narration's "try it": three steps apply the three chips; Alice turns OPEN on core 0.
  for (let k = 0; k < 3; k++) await app.press('ArrowRight');
  await expect(app.currentSentence()).toContainText('Core 0 fast-forwards history record #7 (3 of 3)');
  await expect(app.rowValue(0, '10.1.0.7')).toHaveText('CLOSED_2 → OPEN');
});

for (const scheme of ['light', 'dark'] as const) {
  for (const scene of SCENES) {
    test(`no serious or critical accessibility violations in the ${scene.id} scene (${scheme})`, async ({ page }) => {
      const app = new TourPage(page);
      await page.emulateMedia({ colorScheme: scheme });
      await app.goto(`?scene=${scene.id}&paused=1`);
      await app.expectScene(scene.id, scene.title);
      await app.ready();
      const results = await new AxeBuilder({ page }).analyze();
      const bad = results.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
      expect(bad).toEqual([]);
    });
  }
}
