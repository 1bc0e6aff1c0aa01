import { expect, type Locator, type Page } from '@playwright/test';
import { ExplorerPage } from './explorer-page';

/** The explorer with its teaching and talk mode: the tour panel, presenter mode, links. */
export class TourPage extends ExplorerPage {
  readonly tour: Locator;
  readonly app: Locator;

  constructor(page: Page) {
    super(page);
    this.tour = page.getByRole('region', { name: 'Guided tour' });
    this.app = page.locator('.app');
  }

  /** The scene shown, as its id (from the panel) and its heading. */
  async expectScene(id: string, title: string): Promise<void> {
    await expect(this.tour).toHaveAttribute('data-scene', id);
    await expect(this.tour.getByRole('heading', { level: 2 })).toHaveText(title);
  }

  /** Waits until the address bar holds `key=value` (the address follows the store a few times a second). */
  async expectInUrl(key: string, value: string): Promise<void> {
    await expect.poll(() => new URL(this.page.url()).searchParams.get(key)).toBe(value);
  }

  /** Waits until the run has been built and the stage shows the frame for the playhead. */
  async ready(): Promise<void> {
    await expect(this.agreement).toBeVisible({ timeout: 60_000 });
    await expect(this.page.getByTestId('core-0')).toBeVisible();
    await this.settled();
  }
}
