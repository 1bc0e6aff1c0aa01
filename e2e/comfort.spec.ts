import { expect, test } from '@playwright/test';
import { ClockDriver } from './pages/clock-driver';
import { TourPage } from './pages/tour-page';

test('reduced motion: a step jumps straight to where the packet ends up', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const clock = await ClockDriver.install(page);
  const app = new TourPage(page);
  await app.goto('?scene=piggyback&paused=1');
  await app.ready();
  const packet = page.getByTestId('packet');
  await app.press('ArrowRight');
  // Before any frame is drawn the packet already shows its final pose, and time does not move it.
  const first = await packet.getAttribute('transform');
  await clock.advance(600);
  expect(await packet.getAttribute('transform')).toBe(first);
  // The spotlight does not pulse either; nothing essential is lost: the ring and the log are there.
  const pulse = await page.locator('[data-stage="packet"] > rect').first().evaluate((el) => [getComputedStyle(el).animationName, getComputedStyle(el).strokeOpacity]);
  expect(pulse).toEqual(['none', '1']);
  await expect(app.currentSentence()).toContainText('fast-forwards history record #5');
});

test('without reduced motion the same step animates, pose by pose on the animation clock', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  const clock = await ClockDriver.install(page);
  const app = new TourPage(page);
  await app.goto('?scene=port-knocking&paused=1');
  await app.ready();
  // Packet #0 arrives: it flies from the traffic source to the sequencer over 450 ms.
  await app.press('ArrowRight');
  const packet = page.getByTestId('packet');
  const x = async () => Number(/translate\(([-\d.]+),/.exec((await packet.getAttribute('transform')) ?? '')?.[1]);
  const poses = [await x()];
  for (let i = 0; i < 4; i++) {
    await clock.advance(100);
    poses.push(await x());
  }
  // Left to right, a little further at every moment, not yet there after 400 ms.
  for (let i = 1; i < poses.length; i++) expect(poses[i]).toBeGreaterThan(poses[i - 1]!);
  await clock.advance(100);
  const end = await x();
  expect(end).toBeGreaterThan(poses.at(-1)!);
  // Arrived: later frames leave it where it is.
  await clock.advance(500);
  expect(await x()).toBe(end);
  // The spotlight (this scene rings the cores) breathes on the same clock: over one period its
  // ring goes from strong to faint and back to where it was.
  await expect(app.app).toHaveAttribute('data-spotlight', /\bcores\b/);
  const ringOpacity = () => page.locator('[data-stage="core"][data-core="0"] > rect').evaluate((el) => Number(getComputedStyle(el).strokeOpacity));
  const breath: number[] = [await ringOpacity()];
  for (let i = 0; i < 8; i++) {
    await clock.advance(400);
    breath.push(await ringOpacity());
  }
  expect(Math.max(...breath) - Math.min(...breath)).toBeGreaterThan(0.3);
  expect(Math.abs(breath.at(-1)! - breath[0]!)).toBeLessThan(0.02);
});

/** Pairs of visible controls and headings that overlap by more than two pixels each way. */
async function overlappingControls(page: import('@playwright/test').Page): Promise<string[]> {
  return page.evaluate(() => {
    /** The part of the element a person can see: its box cut by every scrolling or clipping ancestor. */
    const visibleBox = (el: HTMLElement) => {
      const r = el.getBoundingClientRect();
      let box = { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        const style = getComputedStyle(a);
        if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
        const c = a.getBoundingClientRect();
        box = { left: Math.max(box.left, c.left), top: Math.max(box.top, c.top), right: Math.min(box.right, c.right), bottom: Math.min(box.bottom, c.bottom) };
      }
      return box;
    };
    const els = [...document.querySelectorAll<HTMLElement>('button, summary, input, select, a, h1, h2, .badge, output, label > span')]
      .filter((el) => {
        if (getComputedStyle(el).visibility === 'hidden' || el.closest('dialog:not([open])')) return false;
        const closed = el.closest('details:not([open])');
        return !(closed && el.parentElement !== closed);
      })
      .map((el) => ({ el, box: visibleBox(el) }))
      .filter(({ box }) => box.right - box.left > 0 && box.bottom - box.top > 0);
    const out: string[] = [];
    for (let i = 0; i < els.length; i++) {
      for (let j = i + 1; j < els.length; j++) {
        const a = els[i]!, b = els[j]!;
        if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
        const w = Math.min(a.box.right, b.box.right) - Math.max(a.box.left, b.box.left);
        const h = Math.min(a.box.bottom, b.box.bottom) - Math.max(a.box.top, b.box.top);
        if (w > 2 && h > 2) out.push(`${a.el.tagName}.${a.el.className} "${a.el.textContent?.slice(0, 20)}" × ${b.el.tagName}.${b.el.className} "${b.el.textContent?.slice(0, 20)}"`);
      }
    }
    return out;
  });
}

for (const [name, viewport] of [['browser zoom 200 % of 1280x720', { width: 640, height: 360 }], ['1024x768', { width: 1024, height: 768 }]] as const) {
  test(`text scales without overlap or sideways scrolling (${name})`, async ({ page }, testInfo) => {
    await page.setViewportSize(viewport);
    const app = new TourPage(page);
    await app.goto('?scene=piggyback&paused=1');
    await app.ready();
    const sideways = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(sideways).toBeLessThanOrEqual(0);
    expect(await overlappingControls(page)).toEqual([]);
    await page.screenshot({ path: testInfo.outputPath(`zoom-${viewport.width}.png`), fullPage: true });
  });
}

test('everything by keyboard: every focusable control shows where the focus is', async ({ page }) => {
  const app = new TourPage(page);
  await app.goto('?scene=piggyback&paused=1');
  await app.ready();
  const seen: string[] = [];
  const invisible: string[] = [];
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    const focus = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const style = getComputedStyle(el);
      const name = el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 30) ?? el.tagName;
      return { name: `${el.tagName} ${name}`, visible: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 };
    });
    if (!focus) continue;
    seen.push(focus.name);
    if (!focus.visible) invisible.push(focus.name);
  }
  expect(invisible).toEqual([]);
  // The tour, the stage's cores and packet, and the playback controls are all reachable.
  for (const name of ['Next scene', 'Core 0: inspect its replica', 'Packet #8', 'Play', 'Timeline', 'Share', 'Present']) {
    expect(seen.some((s) => s.includes(name)), `${name} in ${seen.join(' | ')}`).toBe(true);
  }
});

test('embed mode: the stage and compact controls, for an iframe in slides', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 960, height: 540 });
  const app = new TourPage(page);
  await page.goto('./?scene=piggyback&embed=1');
  await expect(page.getByTestId('core-3')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('heading', { name: 'SCR Explorer' })).toHaveCount(0);
  await expect(page.getByRole('form', { name: 'Scenario' })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Event log' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Play' })).toBeInViewport();
  await expect(page.getByRole('slider', { name: 'Timeline' })).toBeInViewport();
  await expect.poll(() => app.eventNumber()).toBe(44);
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => app.eventNumber()).toBe(45);
  const open = page.getByRole('link', { name: 'Open in SCR Explorer ↗' });
  await expect(open).toBeVisible();
  const overflow = await page.evaluate(() => [document.documentElement.scrollWidth - window.innerWidth, document.documentElement.scrollHeight - window.innerHeight]);
  expect(overflow).toEqual([0, 0]);
  await page.screenshot({ path: testInfo.outputPath('embed.png') });
  const [full] = await Promise.all([page.context().waitForEvent('page'), open.click()]);
  await full.waitForLoadState();
  const url = new URL(full.url());
  expect(url.searchParams.get('embed')).toBeNull();
  expect(url.searchParams.get('at')).toBe('45');
});
