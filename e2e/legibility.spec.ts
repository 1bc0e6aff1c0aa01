import { expect, test, type Page } from '@playwright/test';
import { ClockDriver } from './pages/clock-driver';
import { ExplorerPage } from './pages/explorer-page';

/**
 * Projector-grade: at 1280x720 the stage's text is measured as rendered (font size times the
 * SVG's scale), nothing inside the stage is cut, a packet in flight covers no core title and no
 * sink count, and the log's current sentence stays in its visible box.
 */
test.use({ viewport: { width: 1280, height: 720 } });

interface StageReport {
  zoom: number;
  /** Smallest rendered size (CSS px) of replica state text, chip labels, and any text on the stage. */
  stateText: number;
  chipLabel: number;
  anyText: number;
  truncated: string[];
  covered: string[];
}

/** Reads the stage as the back row sees it. */
async function readStage(page: Page): Promise<StageReport> {
  return page.evaluate(() => {
    const svg = document.querySelector<SVGSVGElement>('.stage-canvas svg');
    if (!svg) throw new Error('no stage');
    const scale = svg.getScreenCTM()?.a ?? 1;
    const visible = (el: Element) => getComputedStyle(el).display !== 'none' && Number((el.closest('[opacity]') as Element | null)?.getAttribute('opacity') ?? 1) > 0.05;
    const size = (sel: string) => {
      const sizes = [...svg.querySelectorAll(sel)].filter(visible).filter((t) => (t.textContent ?? '').trim() !== '').map((t) => parseFloat(getComputedStyle(t).fontSize) * scale);
      return sizes.length === 0 ? Infinity : Math.min(...sizes);
    };
    const truncated: string[] = [];
    const inside = (a: DOMRect, b: DOMRect, slack = 1) => a.left >= b.left - slack && a.right <= b.right + slack && a.top >= b.top - slack && a.bottom <= b.bottom + slack;
    const stageBox = svg.getBoundingClientRect();
    for (const t of svg.querySelectorAll<SVGTextElement>('text')) {
      const text = t.textContent ?? '';
      if (!visible(t) || text.trim() === '') continue;
      if (text.includes('…')) truncated.push(`ellipsis: "${text}"`);
      const r = t.getBoundingClientRect();
      // The box a text belongs to: its chip, else its node (core, sequencer, sink, source), else the stage.
      const owner = t.closest('.chip')?.querySelector(':scope > .chip-bg') ?? t.closest('.node')?.querySelector(':scope > rect');
      const box = owner ? owner.getBoundingClientRect() : stageBox;
      if (!inside(r, box)) truncated.push(`outside its box: "${text}" (${Math.round(r.left)}-${Math.round(r.right)} in ${Math.round(box.left)}-${Math.round(box.right)}, ${Math.round(r.top)}-${Math.round(r.bottom)} in ${Math.round(box.top)}-${Math.round(box.bottom)})`);
    }
    for (const el of document.querySelectorAll<HTMLElement>('.stage *')) {
      if (el instanceof HTMLElement && el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible') truncated.push(`scrolls sideways: ${el.className}`);
    }
    // A packet in flight (and its history) never covers a core's title or a sink's count.
    const covered: string[] = [];
    const packet = svg.querySelector('[data-testid="packet"]');
    if (packet && Number(packet.getAttribute('opacity') ?? 1) > 0.05) {
      const parts = [...packet.querySelectorAll(':scope > rect, .chip, .drop-button, text.carries')].map((p) => p.getBoundingClientRect());
      for (const target of svg.querySelectorAll('.core-title, .core-progress, .sink text')) {
        const t = target.getBoundingClientRect();
        for (const p of parts) {
          if (p.width === 0) continue;
          const w = Math.min(p.right, t.right) - Math.max(p.left, t.left);
          const h = Math.min(p.bottom, t.bottom) - Math.max(p.top, t.top);
          if (w > 1 && h > 1) covered.push(`"${target.textContent}"`);
        }
      }
    }
    return { zoom: scale, stateText: size('.state-row text'), chipLabel: size('.chip-label'), anyText: size('text'), truncated, covered };
  });
}

const MOMENTS = [2, 7, 13, 21, 44];

for (const cores of [4, 8]) {
  for (const presenter of [false, true]) {
    const mode = presenter ? 'presenter' : 'normal';
    test(`${cores} cores, ${mode}: large enough, nothing cut, nothing covered`, async ({ page }, testInfo) => {
      // The poses are the final ones at once; the stepped clock keeps time still.
      await page.emulateMedia({ reducedMotion: 'reduce' });
      await ClockDriver.install(page);
      const app = new ExplorerPage(page);
      await app.goto(`?cores=${cores}&paused=1${presenter ? '&present=1' : ''}`);
      if (presenter) await expect(page.locator('.app')).toHaveClass(/presenter/);
      const target = presenter ? (cores <= 4 ? 20 : 16) : 14;
      const figures: string[] = [];
      let done = 0;
      for (const moment of MOMENTS) {
        while (done < moment) {
          await app.press('ArrowRight');
          done++;
        }
        const r = await readStage(page);
        figures.push(`event ${moment}: state ${r.stateText.toFixed(1)} px, chips ${r.chipLabel.toFixed(1)} px, smallest ${r.anyText.toFixed(1)} px`);
        expect(r.stateText, `state text at event ${moment}`).toBeGreaterThanOrEqual(target);
        if (r.chipLabel !== Infinity) expect(r.chipLabel, `chip labels at event ${moment}`).toBeGreaterThanOrEqual(target);
        expect(r.anyText, `any stage text at event ${moment}`).toBeGreaterThanOrEqual(14);
        expect(r.truncated, `truncated at event ${moment}`).toEqual([]);
        expect(r.covered, `covered by the packet at event ${moment}`).toEqual([]);
      }
      await testInfo.attach('sizes', { body: figures.join('\n') });
      await page.screenshot({ path: testInfo.outputPath(`stage-${cores}-cores-${mode}.png`) });
    });
  }
}

test('after 50 steps the current sentence is inside the event log\'s visible box', async ({ page }, testInfo) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await ClockDriver.install(page);
  const app = new ExplorerPage(page);
  await app.goto('?cores=4&paused=1');
  for (let i = 0; i < 50; i++) await app.press('ArrowRight');
  const current = app.currentSentence();
  await expect(current).toContainText(/^50 /);
  const box = await current.evaluate((el) => {
    const r = el.getBoundingClientRect();
    let visible = { top: 0, bottom: window.innerHeight };
    for (let a = el.parentElement; a; a = a.parentElement) {
      if (getComputedStyle(a).overflowY === 'visible') continue;
      const c = a.getBoundingClientRect();
      visible = { top: Math.max(visible.top, c.top), bottom: Math.min(visible.bottom, c.bottom) };
    }
    return { top: r.top, bottom: r.bottom, visibleTop: visible.top, visibleBottom: visible.bottom };
  });
  expect(box.top).toBeGreaterThanOrEqual(box.visibleTop - 1);
  expect(box.bottom).toBeLessThanOrEqual(box.visibleBottom + 1);
  await page.screenshot({ path: testInfo.outputPath('log-after-50-steps.png') });
});
