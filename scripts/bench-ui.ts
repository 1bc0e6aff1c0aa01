/**
 * The explorer's UI figures, read in headless Chromium (a script that prints figures, never a
 * timed test): median frames per second and the longest main-thread task while playing port
 * knocking on 16 cores at 1x and at 8x, and how long stepping back at event 1,000,000 of a long
 * run takes to update the stage. Builds the app and serves it with `vite preview` itself.
 */
import { spawn, execFileSync } from 'node:child_process';
import { chromium, type Page } from '@playwright/test';
import { chromiumArgs, findChromium } from '../e2e/find-chromium';

// BENCH_PORT lets two work trees benchmark at once.
const PORT = Number(process.env.BENCH_PORT ?? 4318);
const URL = `http://127.0.0.1:${PORT}/`;
const PLAY_SECONDS = 6;

async function waitForServer(): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(URL)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`vite preview did not answer on ${URL}`);
}

// The page-side code is passed as text: tsx would otherwise wrap its named functions in a helper
// (__name) that does not exist in the page.
const SETTLED = `(() => {
  const pos = /event ([\\d,]+)/.exec(document.querySelector('[data-testid="position"]')?.textContent ?? '')?.[1]?.replace(/,/g, '');
  const cur = document.querySelector('.event-log li.current .event-number')?.textContent;
  return pos === '0' || pos === cur;
})()`;

async function settled(page: Page): Promise<void> {
  await page.waitForFunction(SETTLED);
}

async function configure(page: Page, cores: number, packets: number): Promise<void> {
  const form = page.getByRole('form', { name: 'Scenario' });
  await form.getByLabel('Cores').fill(String(cores));
  await form.getByLabel('Packets').fill(String(packets));
  await form.getByRole('button', { name: 'Apply' }).click();
  // Built when the timeline shows the new run's length: 3 + (cores - 1) events per packet, less the first packets' empty slots.
  const events = packets * (cores + 2) - (cores * (cores - 1)) / 2;
  await page.getByTestId('position').filter({ hasText: `/ ${events.toLocaleString('en-US')}` }).waitFor({ timeout: 120_000 });
}

/** Plays for a while at a speed; returns median fps and the longest task (ms) seen meanwhile. */
async function measurePlay(page: Page, speedIndex: number): Promise<{ fps: number; longestTaskMs: number; events: number }> {
  await page.getByRole('slider', { name: 'Speed' }).fill(String(speedIndex));
  await page.getByRole('button', { name: 'Reset' }).click();
  await page.evaluate(`(() => {
    const b = (window.__bench = { frames: [], longest: 0, stop: false });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) b.longest = Math.max(b.longest, e.duration);
    }).observe({ type: 'longtask' });
    const tick = (t) => {
      b.frames.push(t);
      if (!b.stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForTimeout(PLAY_SECONDS * 1000);
  await page.getByRole('button', { name: 'Pause' }).click();
  return page.evaluate(`(() => {
    const b = window.__bench;
    b.stop = true;
    const f = b.frames;
    const gaps = f.slice(1).map((t, i) => t - f[i]).sort((x, y) => x - y);
    const median = gaps[Math.floor(gaps.length / 2)] ?? Infinity;
    const events = Number(/event ([\\d,]+)/.exec(document.querySelector('[data-testid="position"]')?.textContent ?? '')?.[1]?.replace(/,/g, ''));
    return { fps: 1000 / median, longestTaskMs: b.longest, events };
  })()`);
}

/**
 * Plays with the charts pane open (after its sweep has finished); returns median fps, the longest
 * task and how many times a second the per-core load chart redrew with new figures.
 */
async function measureCharts(page: Page, speedIndex: number): Promise<{ fps: number; longestTaskMs: number; updatesPerSecond: number }> {
  await page.evaluate(`(() => {
    const b = window.__charts = { updates: 0, last: null };
    const watch = () => {
      const v = document.querySelector('[data-chart="per-core-load"] svg')?.getAttribute('data-packets') ?? null;
      if (v !== b.last) { b.updates++; b.last = v; }
      if (!b.stop) requestAnimationFrame(watch);
    };
    requestAnimationFrame(watch);
  })()`);
  const play = await measurePlay(page, speedIndex);
  const updates = await page.evaluate('(() => { window.__charts.stop = true; return window.__charts.updates; })()');
  return { fps: play.fps, longestTaskMs: play.longestTaskMs, updatesPerSecond: Number(updates) / PLAY_SECONDS };
}

/** Time from an ArrowLeft key press to the stage showing the new frame. */
async function measureStepBack(page: Page): Promise<number> {
  return page.evaluate(`(async () => {
    const read = () => document.querySelector('.event-log li.current .event-number')?.textContent;
    const before = read();
    const t0 = performance.now();
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true }));
    await new Promise((resolve) => {
      const check = () => (read() !== before ? resolve() : requestAnimationFrame(check));
      requestAnimationFrame(check);
    });
    return performance.now() - t0;
  })()`);
}

async function main(): Promise<void> {
  execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], { stdio: 'inherit' });
  const server = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'], { stdio: 'ignore', detached: true });
  let exited = false;
  server.on('exit', () => (exited = true));
  try {
    await waitForServer();
    // Another app answering on the port would be measured instead of this one.
    await new Promise((r) => setTimeout(r, 300));
    if (exited) throw new Error(`vite preview could not start on port ${PORT} (is it in use?); choose another with BENCH_PORT`);
    const browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs });
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    await page.goto(URL);
    await page.getByTestId('agreement').waitFor();

    console.log('SCR Explorer UI benchmark (headless Chromium, 1600x900)\n');
    await configure(page, 16, 2000);
    for (const [label, index] of [['1x', 2], ['8x', 5]] as const) {
      const r = await measurePlay(page, index);
      const longest = r.longestTaskMs === 0 ? 'no main-thread task over 50 ms' : `longest main-thread task ${r.longestTaskMs.toFixed(0)} ms`;
      console.log(`playing port knocking on 16 cores at ${label}: median ${r.fps.toFixed(1)} fps, ${longest} (${r.events} events in ${PLAY_SECONDS} s)`);
    }

    await page.keyboard.press('c');
    await page.locator('[data-chart="throughput"] .chart-status').waitFor({ state: 'detached', timeout: 120_000 });
    for (const [label, index] of [['8x', 5], ['1024x', 9]] as const) {
      const r = await measureCharts(page, index);
      const longest = r.longestTaskMs === 0 ? 'no main-thread task over 50 ms' : `longest main-thread task ${r.longestTaskMs.toFixed(0)} ms`;
      console.log(`with the charts open at ${label}: median ${r.fps.toFixed(1)} fps, ${longest}, per-core chart updated ${r.updatesPerSecond.toFixed(1)} times a second`);
    }
    await page.keyboard.press('c');

    const packets = 60_000; // 18 events per packet on 16 cores: about 1,080,000 events
    const started = Date.now();
    await configure(page, 16, packets);
    console.log(`\nlong run: ${packets.toLocaleString('en-US')} packets on 16 cores built in ${((Date.now() - started) / 1000).toFixed(1)} s (worker)`);
    await page.getByRole('slider', { name: 'Timeline' }).fill('1000000');
    await settled(page);
    const times: number[] = [];
    for (let i = 0; i < 10; i++) {
      times.push(await measureStepBack(page));
      await settled(page);
    }
    times.sort((a, b) => a - b);
    console.log(`step back at event 1,000,000: median ${times[5]?.toFixed(1)} ms, worst ${times[9]?.toFixed(1)} ms until the stage shows it (target < 100 ms)`);
    await browser.close();
  } finally {
    if (server.pid && !exited) process.kill(-server.pid);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
