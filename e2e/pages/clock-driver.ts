import type { Page } from '@playwright/test';
// The page's global test hooks (window.__SCR_STEPPED_CLOCK__, window.__scrClock), typed.
import type {} from '../../src/views/clock/page-clock';

/**
 * Drives the page's animation clock by hand (see src/views/clock/page-clock.ts): nothing the
 * app animates or plays moves until `advance` is called, so a test asserts on what is on screen
 * at chosen moments, whatever the machine's load.
 */
export class ClockDriver {
  private constructor(private readonly page: Page) {}

  /** Asks for the stepped clock; call before the page's first `goto`. */
  static async install(page: Page): Promise<ClockDriver> {
    await page.addInitScript(() => {
      window.__SCR_STEPPED_CLOCK__ = true;
    });
    return new ClockDriver(page);
  }

  /**
   * Moves time forward by `ms`, drawing every frame on the way, and returns once the page has
   * rendered what those frames changed (React renders store updates before the next task).
   */
  async advance(ms: number): Promise<void> {
    await this.page.evaluate(async (span) => {
      const clock = window.__scrClock;
      if (!clock) throw new Error('the page runs on its real clock: install the stepped clock before goto');
      clock.advance(span);
      await new Promise((resolve) => setTimeout(resolve, 0));
    }, ms);
  }
}
