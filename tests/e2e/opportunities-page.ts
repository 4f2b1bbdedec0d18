import { expect, type Locator, type Page } from '@playwright/test';

/** Page model of the opportunities grid and the opportunity view, in the user's words. */
export class OpportunitiesPage {
  readonly grid: Locator;
  readonly search: Locator;
  readonly status: Locator;

  constructor(readonly page: Page) {
    this.grid = page.getByTestId('opportunities-grid');
    this.search = page.getByRole('searchbox');
    this.status = page.getByTestId('opportunities-status');
  }

  async open(url: string) {
    await this.page.goto(url);
    await expect(this.rows().first()).toBeVisible();
  }

  rows(): Locator {
    return this.grid.locator('.ag-row:not(.ag-row-pinned)');
  }

  /** The text of one column for the rows on screen, top to bottom. */
  async column(colId: string): Promise<string[]> {
    const rows = await this.rows().all();
    const withIndex = await Promise.all(
      rows.map(async (r) => ({
        index: Number(await r.getAttribute('row-index')),
        text: (await r.locator(`[col-id="${colId}"]`).innerText()).trim(),
      })),
    );
    return withIndex.sort((a, b) => a.index - b.index).map((x) => x.text);
  }

  /** Drags like a hand does: press, move in small steps, release. */
  async dragBy(from: { x: number; y: number; width: number; height: number }, dx: number) {
    const x = from.x + from.width / 2;
    const y = from.y + from.height / 2;
    await this.page.mouse.move(x, y);
    await this.page.mouse.down();
    for (let i = 1; i <= 12; i++) {
      await this.page.mouse.move(x + (dx * i) / 12, y);
      await this.page.waitForTimeout(16);
    }
    await this.page.mouse.up();
  }

  async sortBy(headerName: string) {
    await this.grid.locator('.ag-header-cell', { hasText: headerName }).locator('.ag-header-cell-label').click();
  }
}

/** "1 234,56 €" → 1234.56 */
export function euros(text: string): number {
  return Number(text.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.'));
}
