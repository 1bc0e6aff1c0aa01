import { expect, type Locator, type Page } from '@playwright/test';

/** The explorer as a test drives it: only through accessible names and the keyboard, like a user. */
export class ExplorerPage {
  readonly page: Page;
  readonly position: Locator;
  readonly agreement: Locator;
  readonly eventLog: Locator;

  constructor(page: Page) {
    this.page = page;
    this.position = page.getByTestId('position');
    this.agreement = page.getByTestId('agreement');
    this.eventLog = page.getByRole('region', { name: 'Event log' });
  }

  async goto(query = ''): Promise<void> {
    await this.page.goto(`./${query}`);
    await expect(this.agreement).toBeVisible({ timeout: 60_000 });
    await expect(this.page.getByTestId('core-0')).toBeVisible();
  }

  /** The playhead as the control bar shows it. */
  async eventNumber(): Promise<number> {
    const text = (await this.position.textContent()) ?? '';
    return Number(/event ([\d,]+)/.exec(text)?.[1]?.replace(/,/g, '') ?? NaN);
  }

  /** Presses a key and waits until the frame for the new playhead is on screen. */
  async press(key: string): Promise<void> {
    const before = await this.position.textContent();
    await this.page.keyboard.press(key);
    await expect(this.position).not.toHaveText(before ?? '');
    await this.settled();
  }

  /** Waits until the stage shows the frame for the playhead (the log's current line is that event). */
  async settled(): Promise<void> {
    const n = await this.eventNumber();
    if (n === 0) return;
    await expect(this.eventLog.locator('li.current .event-number')).toHaveText(String(n));
  }

  async stepPackets(count: number): Promise<void> {
    for (let i = 0; i < count; i++) await this.press('Shift+ArrowRight');
  }

  core(core: number): Locator {
    return this.page.getByTestId(`core-${core}`);
  }

  /** The entry for `keyText` in core `core`'s replica table, as the row shows it after any old → new flash. */
  rowValue(core: number, keyText: string): Locator {
    return this.core(core).locator(`[data-key="${keyText}"] .row-value`);
  }

  /** The entry's value itself (the row's data-value), for assertions on state. */
  async rowState(core: number, keyText: string): Promise<string | null> {
    return this.core(core).locator(`[data-key="${keyText}"]`).getAttribute('data-value');
  }

  currentSentence(): Locator {
    return this.eventLog.locator('li.current');
  }

  sinkCount(which: 'pass' | 'drop'): Locator {
    return this.page.getByTestId(`sink-${which}`).locator('text.sub');
  }

  /** The drop button beside the packet in flight (✂). */
  dropButton(): Locator {
    return this.page.getByTestId('drop-packet');
  }

  /** Steps forward one event at a time until the current sentence matches, at most `limit` steps. */
  async stepUntil(sentence: RegExp, limit = 80): Promise<void> {
    for (let k = 0; k < limit; k++) {
      if (sentence.test((await this.currentSentence().textContent()) ?? '')) return;
      await this.press('ArrowRight');
    }
    await expect(this.currentSentence()).toHaveText(sentence);
  }
}
