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

  /** The text of some columns for the rows on screen, top to bottom, read in one snapshot. */
  async columns(...colIds: string[]): Promise<string[][]> {
    return this.grid.evaluate((grid, ids) => {
      const rows = [...grid.querySelectorAll('.ag-row:not(.ag-row-pinned)')].sort(
        (a, b) => Number(a.getAttribute('row-index')) - Number(b.getAttribute('row-index')),
      );
      return ids.map((id) => rows.map((r) => r.querySelector(`[col-id="${id}"]`)?.textContent?.trim() ?? ''));
    }, colIds);
  }

  async column(colId: string): Promise<string[]> {
    return (await this.columns(colId))[0]!;
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
