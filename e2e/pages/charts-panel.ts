import { readFileSync } from 'node:fs';
import { expect, type Locator, type Page } from '@playwright/test';

/** The charts pane as a test drives it: tabs, chart cards by name, their tables and exports. */
export class ChartsPanel {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('tab', { name: 'Charts' }).click();
    await expect(this.page.getByRole('tab', { name: 'Charts' })).toHaveAttribute('aria-selected', 'true');
  }

  /** Builds a generator scenario through the scenario form. */
  async scenario(options: { trace: string; packets: number; cores?: number; program?: string }): Promise<void> {
    const form = this.page.getByRole('form', { name: 'Scenario' });
    if (!(await form.isVisible())) await this.page.locator('details.scenario > summary').click();
    if (options.program) await form.getByLabel('Program').selectOption(options.program);
    await form.getByLabel('Trace').selectOption(options.trace);
    await form.getByLabel('Packets').fill(String(options.packets));
    if (options.cores) await form.getByLabel('Cores').fill(String(options.cores));
    await form.getByRole('button', { name: 'Apply' }).click();
    await expect(this.page.getByTestId('position')).toContainText(`/ `);
  }

  chart(id: string): Locator {
    return this.page.locator(`[data-chart="${id}"]`);
  }

  /** The chart's table view as rows of cells (header first). */
  async table(id: string): Promise<string[][]> {
    const card = this.chart(id);
    const toggle = card.getByRole('button', { name: 'Table' });
    if ((await toggle.getAttribute('aria-pressed')) !== 'true') await toggle.click();
    const rows = card.locator('table tr');
    return rows.evaluateAll((trs) => trs.map((tr) => Array.from(tr.children, (td) => (td.textContent ?? '').trim())));
  }

  /** Clicks an export button and returns the downloaded file's name and bytes, once it is saved. */
  async download(button: Locator): Promise<{ name: string; bytes: Buffer }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), button.click()]);
    // Read the file only once the browser has finished saving it, so the next export never
    // overlaps this one.
    const path = await download.path();
    return { name: download.suggestedFilename(), bytes: readFileSync(path) };
  }
}

/** A column of a table read by `ChartsPanel.table`, as numbers by the first column's value. */
export function column(table: string[][], header: string): Map<number, number> {
  const [head, ...rows] = table;
  const j = head?.indexOf(header) ?? -1;
  if (j < 0) throw new Error(`no column "${header}" in ${JSON.stringify(head)}`);
  return new Map(rows.filter((r) => r[j] !== '').map((r) => [Number(r[0]), Number(r[j])]));
}
